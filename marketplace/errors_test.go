package marketplace_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

func TestAllMethods_sendTheirMethodAndPath(t *testing.T) {
	for _, o := range ops() {
		t.Run(o.name, func(t *testing.T) {
			c, m := newMock(t, 500, `{"detail":"boom"}`, marketplace.WithRetryPolicy(marketplace.RetryPolicy{MaxRetries: marketplace.NoRetries}))
			_ = o.call(context.Background(), c)
			r := m.only(t)
			assert.Equal(t, o.method, r.Method)
			assert.Equal(t, o.path, r.Path)
			assertCommonHeaders(t, r)
		})
	}
}

func TestAllMethods_fastAPIValidationErrorNamesTheField(t *testing.T) {
	body := `{"detail":[{"loc":["body","cp_user_id"],"msg":"field required","type":"value_error.missing"}]}`
	for _, o := range ops() {
		t.Run(o.name, func(t *testing.T) {
			c, m := newMock(t, 422, body)
			err := o.call(context.Background(), c)
			require.ErrorIs(t, err, marketplace.ErrBadRequest)
			var apiErr *marketplace.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 422, apiErr.StatusCode)
			assert.Equal(t, o.method, apiErr.Method)
			assert.Equal(t, strings.TrimPrefix(o.path, "/v1"), apiErr.Path)
			assert.Equal(t, []string{"cp_user_id: field required"}, apiErr.Messages)
			assert.Equal(t, 1, apiErr.Attempts)
			assert.Equal(t, 1, m.count(), "a 422 is never retried")
		})
	}
}

func TestAllMethods_detailStringError(t *testing.T) {
	for _, o := range ops() {
		c, _ := newMock(t, 403, `{"detail":"Only accessible to Partners."}`)
		err := o.call(context.Background(), c)
		assert.ErrorIs(t, err, marketplace.ErrForbidden, o.name)
		assert.ErrorContains(t, err, "403 Forbidden: Only accessible to Partners.", o.name)
	}
}

// TestAllMethods_retryOn500FollowsSafety: reads and updates are retried
// after a 500, the creates are sent exactly once.
func TestAllMethods_retryOn500FollowsSafety(t *testing.T) {
	for _, o := range ops() {
		t.Run(o.name, func(t *testing.T) {
			c, m := newMock(t, 500, `{"detail":"Internal Server Error"}`)
			err := o.call(context.Background(), c)
			require.ErrorIs(t, err, marketplace.ErrServer)
			want := 1 + fastRetries.MaxRetries
			if !o.safe() {
				want = 1
			}
			assert.Equal(t, want, m.count())
			var apiErr *marketplace.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, want, apiErr.Attempts)
		})
	}
}

// TestAllMethods_transportFailure: a connection reset after the request
// was written is returned wrapped; only safe operations re-send it.
func TestAllMethods_transportFailure(t *testing.T) {
	for _, o := range ops() {
		t.Run(o.name, func(t *testing.T) {
			c, m := newFailingMock(t, syscall.ECONNRESET)
			err := o.call(context.Background(), c)
			require.Error(t, err)
			var ue *url.Error
			assert.ErrorAs(t, err, &ue)
			assert.ErrorIs(t, err, syscall.ECONNRESET)
			assert.True(t, strings.HasPrefix(err.Error(), "marketplace: "+o.method+" "), err.Error())
			assert.NotContains(t, err.Error(), testKey)
			want := 1 + fastRetries.MaxRetries
			if !o.safe() {
				want = 1
			}
			assert.Equal(t, want, m.count())
		})
	}
}

// TestAllMethods_closedServer: nothing listens, so even the creates may
// be retried (the server cannot have acted); the error is a *url.Error.
func TestAllMethods_closedServer(t *testing.T) {
	srv := marketplacetest.NewServer()
	base := srv.URL
	srv.Close()
	c, err := marketplace.NewClient(marketplace.WithBaseURL(base), marketplace.WithAPIKey(testKey), marketplace.WithRetryPolicy(fastRetries))
	require.NoError(t, err)
	for _, o := range ops() {
		err := o.call(context.Background(), c)
		var ue *url.Error
		require.ErrorAs(t, err, &ue, o.name)
		assert.NotContains(t, ue.URL, "?", "no query string in errors")
		assert.Contains(t, err.Error(), "after 3 attempts", o.name)
	}
}

func TestAllMethods_canceledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, o := range ops() {
		c, _ := newMock(t, 200, `{}`)
		err := o.call(ctx, c)
		assert.ErrorIs(t, err, context.Canceled, o.name)
	}
}

func TestAllMethods_nonObjectBodyIsUnexpected(t *testing.T) {
	for _, o := range ops() {
		for _, body := range []string{`null`, `[]`, `"ok"`, `<html></html>`} {
			c, _ := newMock(t, 200, body)
			err := o.call(context.Background(), c)
			assert.ErrorIs(t, err, marketplace.ErrUnexpectedResponse, "%s %s", o.name, body)
			assert.False(t, errors.Is(err, marketplace.ErrNotFound))
		}
	}
}
