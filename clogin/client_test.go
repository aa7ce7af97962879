package clogin

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClient_defaults(t *testing.T) {
	c, err := NewClient(WithCredentials(testCreds))
	require.NoError(t, err)
	assert.Equal(t, DefaultBaseURL, c.tc.BaseURL())
	assert.NotNil(t, c.Users)
}

func TestNewClient_errors(t *testing.T) {
	tests := []struct {
		name string
		opts []Option
		want []string
	}{
		{"no credentials", nil, []string{"clogin: credentials are required (WithCredentials)"}},
		{"empty credentials", []Option{WithCredentials(Credentials{})}, []string{
			"clogin: credentials: APIUser is required", "clogin: credentials: APIToken is required", "clogin: credentials: APIID must be positive"}},
		{"line break", []Option{WithCredentials(Credentials{APIUser: "a\r\nX-Evil: 1", APIToken: "t", APIID: 1})}, []string{"line break"}},
		{"bad base and creds joined", []Option{WithBaseURL("ftp://x"), WithCredentials(Credentials{APIUser: "a", APIToken: "t"})}, []string{
			"APIID must be positive", "scheme must be https"}},
		{"plain http to a remote host", []Option{WithBaseURL("http://regpack.example"), WithCredentials(testCreds)}, []string{"plain http"}},
		{"bad retry policy", []Option{WithCredentials(testCreds), WithRetryPolicy(RetryPolicy{MaxRetries: -2})}, []string{"negative"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewClient(tc.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
	_, err := NewClient(WithBaseURL("http://regpack.example"), WithInsecureHTTP(), WithCredentials(testCreds),
		WithUserAgent("app/1"), WithHTTPClient(nil), WithRateLimit(10, 1), WithLogger(nil), WithHeader("X-Trace", "1"))
	assert.NoError(t, err)
}

func TestCredentials_neverPrinted(t *testing.T) {
	c, err := NewClient(WithCredentials(testCreds))
	require.NoError(t, err)
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("creds", "creds", testCreds)
	for _, s := range []string{
		fmt.Sprint(testCreds), fmt.Sprintf("%+v", testCreds), fmt.Sprintf("%#v", testCreds),
		fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), fmt.Sprintf("%+v", *c), logs.String(),
	} {
		assert.NotContains(t, s, testCreds.APIToken)
	}
	assert.Contains(t, testCreds.String(), testCreds.APIUser)
	assert.Contains(t, logs.String(), testCreds.APIUser)
}

func TestUserFields_passwordNeverPrinted(t *testing.T) {
	u := UserFields{Username: "ada", Password: "analytical-engine"}
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("user", "u", u)
	for _, s := range []string{fmt.Sprint(u), fmt.Sprintf("%v", &u), logs.String()} {
		assert.NotContains(t, s, u.Password)
		assert.Contains(t, s, "ada")
	}
}

func TestClient_logsNoSecrets(t *testing.T) {
	rec := newRecorder(t)
	var logs bytes.Buffer
	c := rec.client(t, WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	_, err := c.Users.Create(context.Background(), &CreateRequest{GroupID: 1, Doc: UserFields{Password: "analytical-engine"}})
	require.NoError(t, err)
	assert.Contains(t, logs.String(), "path=/users/")
	for _, secret := range []string{testCreds.APIToken, testCreds.APIUser, "analytical-engine"} {
		assert.NotContains(t, logs.String(), secret)
	}
}

// A retry carries a newer Timestamp: the transport re-runs Authorize on
// every attempt, and the injected clock moves 2 s per reading.
func TestUsersService_Login_retryHasFreshTimestamp(t *testing.T) {
	rec := newRecorder(t, reply{503, `{"success":false,"msg":"busy"}`}, reply{200, okBody})
	var ticks atomic.Int64
	clock := func() time.Time { return fixedNow.Add(time.Duration(ticks.Add(1)) * 2 * time.Second) }
	c := rec.client(t, withClock(clock))
	_, err := c.Users.Login(context.Background(), &LoginRequest{GroupID: 7770001, CloginID: 5550001})
	require.NoError(t, err)
	reqs := rec.requests()
	require.Len(t, reqs, 2)
	first, err := strconv.ParseInt(reqs[0].Header.Get("Timestamp"), 10, 64)
	require.NoError(t, err)
	second, err := strconv.ParseInt(reqs[1].Header.Get("Timestamp"), 10, 64)
	require.NoError(t, err)
	assert.Equal(t, fixedNow.Unix()+2, first)
	assert.Equal(t, first+2, second, "the retry must carry a newer timestamp")
	for _, r := range reqs {
		assert.Equal(t, testCreds.APIToken, r.Header.Get("Api-Token"))
		assert.Equal(t, reqs[0].Body, r.Body)
	}
}

// Without an injected clock the Timestamp is the real time in Unix seconds.
func TestClient_timestampIsUnixSeconds(t *testing.T) {
	rec := newRecorder(t)
	c, err := NewClient(WithBaseURL(rec.URL), WithCredentials(testCreds))
	require.NoError(t, err)
	before := time.Now().Unix()
	_, err = c.Users.Login(context.Background(), &LoginRequest{GroupID: 1, CloginID: 1})
	require.NoError(t, err)
	ts, err := strconv.ParseInt(rec.requests()[0].Header.Get("Timestamp"), 10, 64)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, ts, before)
	assert.LessOrEqual(t, ts, time.Now().Unix())
}

// Only login, get_info and get_user_list are re-sent after a 500.
func TestUsers_retrySafety_table(t *testing.T) {
	safe := map[string]bool{"login": true, "get_info": true, "get_info_metadata": true, "get_user_list": true, "get_user_list_first": true, "do": true}
	for _, tc := range goldenCalls {
		t.Run(tc.name, func(t *testing.T) {
			rec := newRecorder(t, reply{500, `{"success":false,"msg":"boom"}`}, reply{200, okBody})
			err := tc.call(context.Background(), rec.client(t).Users)
			if safe[tc.name] {
				require.NoError(t, err)
				assert.Len(t, rec.requests(), 2)
				return
			}
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, http.StatusInternalServerError, ae.StatusCode)
			assert.Equal(t, []string{"boom"}, ae.Messages)
			assert.True(t, errors.Is(err, ErrServer))
			assert.Len(t, rec.requests(), 1, "an unsafe action is never re-sent after a 500")
		})
	}
}

func TestUsersService_Do_safeFlag(t *testing.T) {
	for _, tc := range []struct {
		req  Request
		sent int
	}{
		{Request{Action: "custom_read", GroupID: 1}, 1},
		{Request{Action: "custom_read", GroupID: 1, Safe: true}, 2},
		{Request{Action: "update", GroupID: 1, CloginID: 2, Safe: true}, 2},
		{Request{Action: "get_user_list", GroupID: 1}, 2},
	} {
		rec := newRecorder(t, reply{502, `{}`}, reply{200, okBody})
		_, err := rec.client(t).Users.Do(context.Background(), &tc.req)
		assert.Equal(t, tc.sent == 2, err == nil, tc.req.Action)
		assert.Len(t, rec.requests(), tc.sent, tc.req.Action)
	}
}

// A 200 body that is not a users response is ErrUnexpectedResponse.
func TestUsers_unexpectedBody(t *testing.T) {
	for _, body := range []string{`<html>down</html>`, `null`, `[]`, `{"user_info":[1]}`, `{"users":{}}`} {
		rec := newRecorder(t, reply{200, body})
		_, err := rec.client(t).Users.Login(context.Background(), &LoginRequest{GroupID: 1, CloginID: 1})
		if body != `{"users":{}}` {
			assert.ErrorIs(t, err, ErrUnexpectedResponse, body)
		}
		if body != `{"user_info":[1]}` {
			rec2 := newRecorder(t, reply{200, body})
			_, err = rec2.client(t).Users.List(context.Background(), &UserListOptions{GroupID: 1})
			assert.ErrorIs(t, err, ErrUnexpectedResponse, body)
		}
	}
}
