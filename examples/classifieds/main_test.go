package main

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/classifieds/classifiedstest"
)

func TestRun_againstTheFake(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run(context.Background(), &out, func(string) string { return "" }))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	assert.True(t, strings.HasPrefix(lines[0], "No CLASSIFIEDS_BASE_URL/CLASSIFIEDS_API_KEY set: using the in-process fake"), lines[0])
	for _, want := range []string{"Invalid input is refused before sending", "Created user 121 in Zoetermeer",
		"revoked", "Activated with the new token.", "Moved user 121 to Delft.", "Listed 121 users",
		"Deleted user 121", "The fake served"} {
		assert.Contains(t, out.String(), want)
	}
}

func TestRun_liveModeReadsOnly(t *testing.T) {
	srv := classifiedstest.NewServer()
	defer srv.Close()
	srv.AddUsers(3)
	env := map[string]string{"CLASSIFIEDS_BASE_URL": srv.URL, "CLASSIFIEDS_API_KEY": srv.APIKey}
	var out strings.Builder
	require.NoError(t, run(context.Background(), &out, func(k string) string { return env[k] }))
	assert.Contains(t, out.String(), "Using the live API at "+srv.URL)
	assert.Contains(t, out.String(), "Page 1 holds 3 users")
	assert.Contains(t, out.String(), "User 1: Test User 1, Zoetermeer.")
	assert.Equal(t, 3, srv.Len(), "nothing written")
}

func TestRun_errors(t *testing.T) {
	err := run(context.Background(), &strings.Builder{}, func(k string) string {
		if k == "CLASSIFIEDS_API_KEY" {
			return "k"
		}
		return ""
	})
	assert.ErrorContains(t, err, "set both")

	srv := classifiedstest.NewServer()
	defer srv.Close()
	env := map[string]string{"CLASSIFIEDS_BASE_URL": srv.URL, "CLASSIFIEDS_API_KEY": "wrong"}
	err = run(context.Background(), &strings.Builder{}, func(k string) string { return env[k] })
	assert.ErrorContains(t, err, "401")
}
