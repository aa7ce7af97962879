package main

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace/marketplacetest"
)

func TestRun_againstTheFake(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run(context.Background(), &out, func(string) string { return "" }))
	assert.Equal(t, `Using the in-process fake MMOB API (set MARKETPLACE_BASE_URL and MARKETPLACE_API_KEY for the live one).
created user u_1: Ada Lovelace <ada@example.com>
got user u_1: postcode EC1A 1BB, terms accepted true, visits 1
updated user u_1: preferred name Countess, terms accepted false, visits 0
  u_1 ada@example.com
listed 1 users, newest first
created broadband entry bb_1 for u_1
got broadband entry bb_1: meta map[broadbandDownSpeed:500 broadbandPpm:29.99 broadbandProvider:FibreCo]
updated broadband entry bb_1: meta map[broadbandDownSpeed:900 broadbandPpm:29.99 broadbandProvider:FibreCo]
`, out.String())
}

// TestRun_liveModeUsesTheEnvironment points the "live" mode at a fake, so
// the environment handling is tested without a real vendor host.
func TestRun_liveModeUsesTheEnvironment(t *testing.T) {
	srv := marketplacetest.NewServer()
	defer srv.Close()
	env := map[string]string{"MARKETPLACE_BASE_URL": srv.URL, "MARKETPLACE_API_KEY": srv.APIKey}
	var out strings.Builder
	require.NoError(t, run(context.Background(), &out, func(k string) string { return env[k] }))
	assert.True(t, strings.HasPrefix(out.String(), "Using the MMOB API at "+srv.URL+".\n"), out.String())
	assert.Equal(t, 7, srv.Requests(), "create, get, update, one list page, broadband create, get, update")

	env["MARKETPLACE_API_KEY"] = "wrong"
	err := run(context.Background(), &out, func(k string) string { return env[k] })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "create user: marketplace: POST /users: 401 Unauthorized")
	assert.NotContains(t, err.Error(), "wrong")

	env["MARKETPLACE_API_KEY_HEADER"] = "X-Other"
	env["MARKETPLACE_API_KEY"] = srv.APIKey
	err = run(context.Background(), &out, func(k string) string { return env[k] })
	assert.ErrorContains(t, err, "401")
}

func TestRun_needsBothVariables(t *testing.T) {
	err := run(context.Background(), &strings.Builder{}, func(k string) string {
		if k == "MARKETPLACE_BASE_URL" {
			return "https://api.example.test"
		}
		return ""
	})
	assert.ErrorContains(t, err, "set both MARKETPLACE_BASE_URL and MARKETPLACE_API_KEY")
}
