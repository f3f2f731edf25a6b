package main

import (
	"fmt"

	"kyukyu/buildinfo"
)

func main() { fmt.Println(buildinfo.Get()) }
