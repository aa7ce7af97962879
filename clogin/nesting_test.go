package clogin

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/userapis/sdk/internal/hostile"
)

// Decoding is linear in the body whatever its nesting: free-form parts
// (doc, msg, the family parts) and get_user_list's nested children are
// read once, and every Raw is a slice of one copy of the body. Nesting
// deeper than encoding/json/v2's limit (10000) is refused.

// nestedBody fills about size bytes with the worst shapes for a users
// response: deep lists in msg (a text), doc (free-form) and children
// (get_info's family part), side by side.
func nestedResultBody(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"success":true,"user_info":{"clogin_id":"1","group_id":"2","connected_to":"1"},"msg":` + hostile.DeepArrays(4000) +
		`,"children":` + hostile.DeepArrays(4000) + `,"doc":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"f":` + hostile.DeepArrays(2000) + `}`)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

// nestedListBody fills about size bytes with families nested 2000 deep
// (return_families), each level with its doc.
func nestedListBody(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"total_users":1,"records_per_page":50,"users":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		for d := range 2000 {
			b.WriteString(`{"clogin_id":"` + strconv.Itoa(d+1) + `","doc":{"a":[1,{"b":2}]},"children":[`)
		}
		b.Write(bytes.Repeat([]byte(`]}`), 2000))
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

func serve(tb testing.TB, body []byte) *Client {
	tb.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	tb.Cleanup(srv.Close)
	c, err := NewClient(WithBaseURL(srv.URL), WithCredentials(testCreds))
	require.NoError(tb, err)
	return c
}

var nestedSizes = []struct {
	name string
	size int
}{{"64KiB", 64 << 10}, {"4MiB", 4 << 20}, {"31MiB", 31 << 20}}

// BenchmarkNested decodes the worst nested bodies through the public
// calls: milliseconds for 64 KiB, well under a second for 31 MiB.
func BenchmarkNested(b *testing.B) {
	for _, s := range nestedSizes {
		b.Run("GetInfo/"+s.name, func(b *testing.B) {
			body := nestedResultBody(s.size)
			c := serve(b, body)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				r, err := c.Users.GetInfo(context.Background(), &GetInfoRequest{GroupID: 2, CloginID: 1})
				if err != nil || len(r.Raw) != len(body) {
					b.Fatal(err)
				}
			}
		})
		b.Run("List/"+s.name, func(b *testing.B) {
			body := nestedListBody(s.size)
			c := serve(b, body)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				p, err := c.Users.List(context.Background(), &UserListOptions{GroupID: 2})
				if err != nil || len(p.Users) == 0 {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNested_v1 is the same 64 KiB bodies through the encoding/json
// v1 decoders the dialect replaced: the before figure.
func BenchmarkNested_v1(b *testing.B) {
	b.Run("GetInfo/64KiB", func(b *testing.B) {
		body := nestedResultBody(64 << 10)
		for b.Loop() {
			var r v1Result
			if err := json.Unmarshal(body, &r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("List/64KiB", func(b *testing.B) {
		body := nestedListBody(64 << 10)
		for b.Loop() {
			var p v1UserPage
			if err := json.Unmarshal(body, &p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestUsers_GetInfo_nestedBodyDecodesInOnePass(t *testing.T) {
	body := nestedResultBody(64 << 10)
	r, err := serve(t, body).Users.GetInfo(context.Background(), &GetInfoRequest{GroupID: 2, CloginID: 1})
	require.NoError(t, err)
	assert.Equal(t, "x", r.Message, "the one message deep inside msg")
	assert.Nil(t, r.Children, "a family part of another shape is left to Raw")
	assert.Equal(t, body, []byte(r.Raw))
	assert.Equal(t, int64(1), r.UserInfo.CloginID)
}

func TestUsers_List_nestedFamiliesShareOneCopy(t *testing.T) {
	body := nestedListBody(64 << 10)
	p, err := serve(t, body).Users.List(context.Background(), &UserListOptions{GroupID: 2})
	require.NoError(t, err)
	require.NotEmpty(t, p.Users)
	u, depth := p.Users[0], 1
	for len(u.Children) == 1 {
		child := u.Children[0]
		// A child's Raw lies inside its parent's: one copy of the body.
		assert.Equal(t, &u.Raw[bytes.Index(u.Raw, child.Raw)], &child.Raw[0])
		assert.JSONEq(t, `{"a":[1,{"b":2}]}`, string(child.Doc))
		u, depth = child, depth+1
	}
	assert.Equal(t, 2000, depth)
	assert.Equal(t, int64(2000), u.CloginID)
}

// Nesting past encoding/json/v2's limit is refused as an unexpected
// response, for each call's body.
func TestUsers_absurdNesting_isUnexpectedResponse(t *testing.T) {
	deep := hostile.DeepArrays(10001)
	for name, body := range map[string]string{
		"doc":      `{"success":true,"doc":` + deep + `}`,
		"msg":      `{"success":true,"msg":` + deep + `}`,
		"children": `{"success":true,"children":` + deep + `}`,
	} {
		_, err := serve(t, []byte(body)).Users.GetInfo(context.Background(), &GetInfoRequest{GroupID: 2, CloginID: 1})
		assert.ErrorIs(t, err, ErrUnexpectedResponse, name)
	}
	var b bytes.Buffer
	b.WriteString(`{"users":[`)
	for range 5001 {
		b.WriteString(`{"children":[`)
	}
	b.Write(bytes.Repeat([]byte(`]}`), 5001))
	b.WriteString(`]}`)
	_, err := serve(t, b.Bytes()).Users.List(context.Background(), &UserListOptions{GroupID: 2})
	assert.ErrorIs(t, err, ErrUnexpectedResponse)
}
