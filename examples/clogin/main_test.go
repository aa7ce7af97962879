package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun_fake(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, func(string) string { return "" }))
	want := `Using the in-process fake Regpack API (set CLOGIN_API_USER, CLOGIN_API_TOKEN, CLOGIN_API_ID and CLOGIN_GROUP_ID for the live one).
created parent 5550005 (Ada Lovelace) in project 7770001: User created
created child 5550006, connected to 5550005
updated the child's form fields (forms not submitted)
added product 101 to the child's cart: order 250.00, balance 250.00
login token for the parent: 36 characters, single use
  listed 5550005 Ada Lovelace (connected to 5550005, balance 0.00)
  listed 5550006 Byron Lovelace (connected to 5550005, balance 250.00)
listed 3 parents and 3 children, 50 parents a page
`
	assert.Equal(t, want, out.String())
}

func TestRun_partialEnvironment(t *testing.T) {
	env := map[string]string{"CLOGIN_API_USER": "a@example.com"}
	err := run(context.Background(), &bytes.Buffer{}, func(k string) string { return env[k] })
	assert.ErrorContains(t, err, "set all of CLOGIN_API_USER")
}

func TestRun_badNumbers(t *testing.T) {
	env := map[string]string{"CLOGIN_API_USER": "a@example.com", "CLOGIN_API_TOKEN": "t", "CLOGIN_API_ID": "x", "CLOGIN_GROUP_ID": "1"}
	err := run(context.Background(), &bytes.Buffer{}, func(k string) string { return env[k] })
	assert.ErrorContains(t, err, "must be numbers")
}

// The live path is taken when all variables are set; pointed at a closed
// port it fails on the first call, never falling back to the fake.
func TestRun_liveEnvironment(t *testing.T) {
	env := map[string]string{"CLOGIN_API_USER": "a@example.com", "CLOGIN_API_TOKEN": "t", "CLOGIN_API_ID": "1", "CLOGIN_GROUP_ID": "1",
		"CLOGIN_BASE_URL": "http://127.0.0.1:1"}
	var out bytes.Buffer
	err := run(context.Background(), &out, func(k string) string { return env[k] })
	assert.ErrorContains(t, err, "create parent")
	assert.Contains(t, out.String(), "Using the Regpack API at http://127.0.0.1:1, project 1.")
}
