package main

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/tenants/tenantstest"
)

func noEnv(string) string { return "" }

func TestRun_fake(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run(context.Background(), &out, noEnv))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.NotEmpty(t, lines)
	assert.Contains(t, lines[0], "in-process fake", "the first line says it is the fake")
	for _, want := range []string{
		"Created user 1: Ada Lovelace, status \"Active\".",
		"Found user 1 by reference number and e-mail.",
		"preferred name \"Ada L\", 30 weekly hours.",
		"Deactivated user 1; it is still found, status \"Deactivated\".",
		"refused before sending",
		"403 Forbidden",
		"user 1 is not found there",
		"hostile tenant name is refused",
	} {
		assert.Contains(t, out.String(), want)
	}
}

// TestRun_live points the live mode at a fake, through TENANTS_BASE_URL.
func TestRun_live(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	env := map[string]string{"TENANTS_TENANT": srv.Tenant, "TENANTS_TOKEN": srv.Token, "TENANTS_BASE_URL": srv.URL}
	get := func(k string) string { return env[k] }

	var out strings.Builder
	require.NoError(t, run(context.Background(), &out, get))
	assert.Contains(t, out.String(), "Read-only mode")
	assert.Zero(t, srv.Requests())

	env["TENANTS_WRITE"] = "1"
	out.Reset()
	require.NoError(t, run(context.Background(), &out, get))
	assert.Contains(t, out.String(), "Deactivated user 1")

	delete(env, "TENANTS_WRITE")
	env["TENANTS_USER_ID"] = "1"
	out.Reset()
	require.NoError(t, run(context.Background(), &out, get))
	assert.Contains(t, out.String(), "Found user 1: Ada Lovelace, status \"Deactivated\".")

	env["TENANTS_USER_ID"] = "7"
	out.Reset()
	require.NoError(t, run(context.Background(), &out, get))
	assert.Contains(t, out.String(), "No user matches.")

	env["TENANTS_TOKEN"] = "wrong"
	assert.ErrorContains(t, run(context.Background(), &out, get), "401")
}

func TestRun_halfConfigured(t *testing.T) {
	env := func(k string) string {
		if k == "TENANTS_TENANT" {
			return "acme"
		}
		return ""
	}
	assert.Error(t, run(context.Background(), &strings.Builder{}, env))
}
