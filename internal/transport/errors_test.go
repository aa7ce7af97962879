package transport

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAPIError_Is_mapsStatusToSentinel(t *testing.T) {
	cases := []struct {
		status int
		want   error
	}{
		{400, ErrBadRequest}, {422, ErrBadRequest}, {401, ErrUnauthorized}, {403, ErrForbidden},
		{404, ErrNotFound}, {409, ErrConflict}, {429, ErrRateLimited}, {500, ErrServer}, {502, ErrServer}, {599, ErrServer},
	}
	all := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrRateLimited, ErrServer, ErrInvalidInput}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			var err error = fmt.Errorf("wrapped: %w", &APIError{StatusCode: tc.status})
			for _, s := range all {
				assert.Equal(t, s == tc.want, errors.Is(err, s), "sentinel %v", s)
			}
		})
	}
	assert.False(t, errors.Is(&APIError{StatusCode: 418}, ErrBadRequest))
}

func TestAPIError_Error_readsLikeTheContract(t *testing.T) {
	e := &APIError{api: "marketplace", StatusCode: 404, Method: "GET", Path: "/users/u_1", Messages: []string{"User not found", "x"}}
	assert.Equal(t, "marketplace: GET /users/u_1: 404 Not Found: User not found (and 1 more)", e.Error())
}

func TestValidationError_listsEveryField(t *testing.T) {
	e := &ValidationError{Op: "classifieds: Users.Create", Fields: []FieldError{{"postalCode", "must be a Dutch postal code"}, {"email", "is required"}}}
	assert.Equal(t, "classifieds: Users.Create: invalid input: postalCode: must be a Dutch postal code; email: is required", e.Error())
	assert.ErrorIs(t, fmt.Errorf("x: %w", e), ErrInvalidInput)
	assert.Equal(t, "is required", e.Field("email"))
	assert.Equal(t, "", e.Field("city"))
}

func TestClient_Do_withHTTPMock_mapsErrorBody(t *testing.T) {
	hc := &http.Client{}
	httpmock.ActivateNonDefault(hc)
	defer httpmock.DeactivateAndReset()
	httpmock.RegisterResponder("GET", "https://api.example.test/v1/users/u_1",
		httpmock.NewStringResponder(404, `{"detail":"User not found"}`).HeaderSet(http.Header{"X-Request-Id": {"req-9"}}))
	c, err := New(API{Name: "marketplace"}, Settings{BaseURL: "https://api.example.test/v1", HTTPClient: hc})
	require.NoError(t, err)
	err = c.Do(context.Background(), &Request{Method: "GET", Path: "/users/u_1"}, &struct{}{})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 404, apiErr.StatusCode)
	assert.Equal(t, []string{"User not found"}, apiErr.Messages)
	assert.Equal(t, "req-9", apiErr.RequestID)
	assert.Equal(t, 1, apiErr.Attempts)
	assert.Equal(t, `{"detail":"User not found"}`, string(apiErr.Body))
	assert.ErrorIs(t, err, ErrNotFound)
}
