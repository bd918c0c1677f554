package geo

import "math/rand"

// newRand returns a seeded generator so test and benchmark points repeat.
func newRand(seed int64) *rand.Rand { return rand.New(rand.NewSource(seed)) }
