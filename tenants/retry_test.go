package tenants_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/tenants"
	"github.com/userapis/sdk/tenants/tenantstest"
)

func TestUsersService_Deactivate_retriedOn503(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	u := srv.AddUser(srv.Tenant, tenants.User{FirstName: "Ada", Email: "ada@example.com"})
	c := srv.Client(tenants.WithRetryPolicy(fastRetries))

	srv.FailNext(1, http.StatusServiceUnavailable)
	require.NoError(t, c.Users.Deactivate(context.Background(), u.ID))
	assert.Equal(t, 2, srv.Requests(), "one 503, then the retry")
	got, err := c.Users.Get(context.Background(), u.ID)
	require.NoError(t, err)
	assert.Equal(t, tenantstest.StatusDeactivated, got.Status)
}

func TestUsersService_Create_notRetriedOn500(t *testing.T) {
	srv := tenantstest.NewServer()
	defer srv.Close()
	c := srv.Client(tenants.WithRetryPolicy(fastRetries))

	srv.FailNext(1, http.StatusInternalServerError)
	_, err := c.Users.Create(context.Background(), &tenants.UserCreateRequest{FirstName: "Ada", LastName: "L", Email: "ada@example.com"})
	var ae *tenants.APIError
	require.ErrorAs(t, err, &ae)
	assert.ErrorIs(t, err, tenants.ErrServer)
	assert.Equal(t, 500, ae.StatusCode)
	assert.Equal(t, 1, ae.Attempts)
	assert.Equal(t, 1, srv.Requests(), "a POST that may have created a user is never re-sent")
}
