package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func noEnv(string) string { return "" }

func TestRun_againstTheFakes(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, noEnv), out.String())
	s := out.String()
	lines := strings.Split(s, "\n")
	assert.Equal(t, "userapis tour: no live credentials set, so every API runs against an in-process fake server", lines[0])
	for _, want := range []string{
		"== marketplace (fake server; set ", "== tenants (fake server; set ", "== classifieds (fake server; set ", "== clogin (fake server; set ",
		"created user u_1: Ada Lovelace <ada@example.com>",
		"errors.Is(err, marketplace.ErrNotFound): 404 after 1 attempt(s)",
		"errors.Is(err, tenants.ErrNotFound)",
		"errors.Is(err, classifieds.ErrNotFound)",
		"listed 61 users, 25 a page, each once",
		"listed the project: 4 parents and 4 children",
		"tour complete",
	} {
		assert.Contains(t, s, want)
	}
	assert.Contains(t, s, "set CLOGIN_API_USER, CLOGIN_API_TOKEN, CLOGIN_API_ID, CLOGIN_GROUP_ID for the live API", "the tour names what switches an API to live mode")
	assert.Contains(t, s, "the fake starts with 60 users", "and says when it runs on seeded data")
	// The retry: one 503 then success, both attempts in the debug log.
	assert.Regexp(t, `method=POST .*path=/users/u_1 attempt=1`, s)
	assert.Regexp(t, `attempt=1 duration=\S+ status=503`, s)
	assert.Regexp(t, `attempt=2 duration=\S+ status=200`, s)
	assert.NotContains(t, s, "mk_test", "no credential in the output")
}

func TestRun_liveSelectionNeedsEveryVariable(t *testing.T) {
	env := map[string]string{"MARKETPLACE_BASE_URL": "https://partner.example.test"} // key missing
	for _, s := range steps {
		assert.False(t, s.live(func(k string) string { return env[k] }), s.name)
	}
	env["MARKETPLACE_API_KEY"] = "k"
	assert.True(t, steps[0].live(func(k string) string { return env[k] }))
}

func TestRun_failureIsReported(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out bytes.Buffer
	err := run(ctx, &out, noEnv)
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "marketplace: "), err.Error())
}
