// Package chans passes events from one channel to another.
package chans

import "context"

// Map passes each value of in to the channel it returns as f makes it,
// until in closes or ctx ends.
func Map[T, U any](ctx context.Context, in <-chan T, f func(T) U) <-chan U {
	out := make(chan U)
	go func() {
		defer close(out)
		for v := range in {
			select {
			case out <- f(v):
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}
