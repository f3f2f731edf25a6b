// Command opener opens the training store in a folder and prints the name
// of the sample patient: TestDatasetChangeRebuildsTheStore runs two builds
// of it, one with a changed dataset, on the same folder.
package main

import (
	"context"
	"fmt"
	"os"

	"kyukyu/summary"
	"kyukyu/training"
)

func main() {
	s, err := training.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer s.Close()
	r, err := s.Record(context.Background(), "shinryo-taro", summary.Date{Year: 2022, Month: 8, Day: 26})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Print(r.Patient.Name)
}
