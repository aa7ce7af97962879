//go:build live

package main

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"
)

// TestLive_tour runs the tour against every live API whose variables are
// set (see the package comment), the fakes for the rest:
//
//	MARKETPLACE_BASE_URL=... MARKETPLACE_API_KEY=... go test -tags live -run Live ./examples/tour
//
// It creates real records: use a sandbox account.
func TestLive_tour(t *testing.T) {
	anyLive := false
	for _, s := range steps {
		anyLive = anyLive || s.live(os.Getenv)
	}
	if !anyLive {
		t.Skip("no live API variables set")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var out bytes.Buffer
	err := run(ctx, &out, os.Getenv)
	t.Log("\n" + out.String())
	if err != nil {
		t.Fatal(err)
	}
}
