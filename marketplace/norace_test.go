//go:build !race

package marketplace_test

const raceEnabled = false
