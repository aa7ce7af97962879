package marketplace_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
)

// seedEntry is what the seed's example broadband entry decodes to.
func seedEntry() *marketplace.BroadbandEntry {
	return &marketplace.BroadbandEntry{ID: "string", CPUserID: "string", RootUserID: "string", CPID: "string", Meta: map[string]any{}}
}

func TestBroadband_Create_sendsGoldenBodyAndDecodesSeed(t *testing.T) {
	c, m := newMock(t, 200, readFile(t, "broadband_entry.json"))
	e, err := c.Broadband.Create(context.Background(), &marketplace.BroadbandCreateRequest{
		CPUserID:  "u_1",
		Provider:  marketplace.Ptr("FibreCo"),
		PPM:       marketplace.Ptr("29.99"),
		DownSpeed: marketplace.Ptr("900"),
	})
	require.NoError(t, err)
	r := m.only(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, "/v1/users/broadband", r.Path)
	assert.Empty(t, r.Query)
	assertCommonHeaders(t, r)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.JSONEq(t, readFile(t, "broadband_create_request.golden.json"), string(r.Body))
	assert.Equal(t, seedEntry(), e)
}

func TestBroadband_Create_sendsOnlySetFields(t *testing.T) {
	c, m := newMock(t, 200, readFile(t, "broadband_entry.json"))
	_, err := c.Broadband.Create(context.Background(), &marketplace.BroadbandCreateRequest{CPUserID: "u_1", PPM: marketplace.Ptr("")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"cp_user_id":"u_1","broadbandPpm":""}`, string(m.only(t).Body))
}

func TestBroadband_Create_validation(t *testing.T) {
	for name, req := range map[string]*marketplace.BroadbandCreateRequest{
		"nil":     nil,
		"empty":   {},
		"blank":   {CPUserID: "  ", Provider: marketplace.Ptr("x")},
		"no user": {Provider: marketplace.Ptr("x")},
	} {
		t.Run(name, func(t *testing.T) {
			c, m := newMock(t, 200, `{}`)
			_, err := c.Broadband.Create(context.Background(), req)
			assertInvalid(t, err, "cp_user_id")
			assert.Zero(t, m.count())
		})
	}
}

func TestBroadband_Get_sendsRequestAndDecodesSeed(t *testing.T) {
	c, m := newMock(t, 200, readFile(t, "broadband_entry.json"))
	e, err := c.Broadband.Get(context.Background(), "cp/../u 1")
	require.NoError(t, err)
	r := m.only(t)
	assert.Equal(t, "GET", r.Method)
	assert.Equal(t, "/v1/users/broadband/cp%2F..%2Fu%201", r.Path)
	assert.Empty(t, r.Query)
	assert.Empty(t, r.Body)
	assertCommonHeaders(t, r)
	assert.Equal(t, seedEntry(), e)
}

func TestBroadband_Get_notFoundWithEmptyBody(t *testing.T) {
	c, _ := newMock(t, 404, "")
	_, err := c.Broadband.Get(context.Background(), "u_1")
	assert.ErrorIs(t, err, marketplace.ErrNotFound)
}

func TestBroadband_Update_sendsGoldenBodyAndDecodesSeed(t *testing.T) {
	c, m := newMock(t, 200, readFile(t, "broadband_entry.json"))
	e, err := c.Broadband.Update(context.Background(), "u_1", &marketplace.BroadbandUpdateRequest{
		PPM:       marketplace.Ptr("24.50"),
		DownSpeed: marketplace.Ptr(""),
	})
	require.NoError(t, err)
	r := m.only(t)
	assert.Equal(t, "POST", r.Method)
	assert.Equal(t, "/v1/users/broadband/u_1", r.Path)
	assert.Empty(t, r.Query)
	assertCommonHeaders(t, r)
	assert.JSONEq(t, readFile(t, "broadband_update_request.golden.json"), string(r.Body))
	assert.Equal(t, seedEntry(), e)
}

func TestBroadband_Update_nilRequestSendsEmptyObject(t *testing.T) {
	c, m := newMock(t, 200, readFile(t, "broadband_entry.json"))
	_, err := c.Broadband.Update(context.Background(), "u_1", nil)
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(m.only(t).Body))
}

func TestBroadband_Get_and_Update_emptyIDIsInvalid(t *testing.T) {
	c, m := newMock(t, 200, `{}`)
	_, err := c.Broadband.Get(context.Background(), "")
	assertInvalid(t, err, "cp_user_id")
	_, err = c.Broadband.Update(context.Background(), " ", &marketplace.BroadbandUpdateRequest{})
	assertInvalid(t, err, "cp_user_id")
	assert.Zero(t, m.count())
}

func TestBroadbandEntry_Decode_tolerant(t *testing.T) {
	e, err := marketplace.Decode[marketplace.BroadbandEntry]([]byte(`{"id": 12, "cp_user_id": "u_1", "root_user_id": null, "cp_id": 7, "meta": {"broadbandPpm": "29.99"}}`))
	require.NoError(t, err)
	assert.Equal(t, marketplace.BroadbandEntry{ID: "12", CPUserID: "u_1", CPID: "7", Meta: map[string]any{"broadbandPpm": "29.99"}}, *e)

	e, err = marketplace.Decode[marketplace.BroadbandEntry]([]byte(`{"id": "b_1", "meta": []}`))
	require.NoError(t, err)
	assert.Equal(t, map[string]any{}, e.Meta, "PHP's [] for an empty object")

	for _, bad := range []string{`null`, `[]`, `"x"`, `{"id": {}}`, `{"meta": "x"}`, `{"meta": [1]}`} {
		_, err := marketplace.Decode[marketplace.BroadbandEntry]([]byte(bad))
		assert.Error(t, err, bad)
	}
}
