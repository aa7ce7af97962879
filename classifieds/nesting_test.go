package classifieds

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

// Decoding is linear in the body whatever its nesting: members the types
// do not model, and contacts or activations of another shape, are skipped
// in the one pass. Nesting deeper than encoding/json/v2's limit (10000) is
// refused.

// nestedListBody fills about size bytes with users whose unmodelled
// members and contacts nest 2000 deep.
func nestedListBody(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"result":true,"errors":[],"page":1,"data":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"userId":"` + strconv.Itoa(i+1) + `","extra":` + hostile.DeepArrays(2000) + `,"contacts":` + hostile.DeepArrays(2000) +
			`,"activation":{"x":` + hostile.DeepArrays(2000) + `}}`)
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
	c, err := NewClient(WithBaseURL(srv.URL), WithAPIKey(testKey))
	require.NoError(tb, err)
	return c
}

// BenchmarkNested decodes the worst nested bodies through Users.List.
func BenchmarkNested(b *testing.B) {
	for _, s := range []struct {
		name string
		size int
	}{{"64KiB", 64 << 10}, {"4MiB", 4 << 20}, {"31MiB", 31 << 20}} {
		b.Run("List/"+s.name, func(b *testing.B) {
			body := nestedListBody(s.size)
			c := serve(b, body)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				p, err := c.Users.List(context.Background(), nil)
				if err != nil || len(p.Items) == 0 {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNested_v1 is the 64 KiB body through the encoding/json v1
// decoders the dialect replaced: the before figure.
func BenchmarkNested_v1(b *testing.B) {
	body := nestedListBody(64 << 10)
	for b.Loop() {
		var env v1Envelope
		if err := json.Unmarshal(body, &env); err != nil {
			b.Fatal(err)
		}
		if _, err := v1DecodeUsers(env.Data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestUsers_List_nestedBodyDecodes(t *testing.T) {
	p, err := serve(t, nestedListBody(64<<10)).Users.List(context.Background(), nil)
	require.NoError(t, err)
	require.NotEmpty(t, p.Items)
	for i, u := range p.Items {
		assert.Equal(t, int64(i+1), u.UserID)
		assert.Nil(t, u.Contacts)
		assert.Equal(t, &Activation{}, u.Activation)
	}
}

// Nesting past encoding/json/v2's limit is refused as an unexpected
// response.
func TestUsers_List_absurdNestingIsUnexpectedResponse(t *testing.T) {
	for name, body := range map[string]string{
		"data":   `{"result":true,"data":` + hostile.DeepArrays(10001) + `}`,
		"member": `{"result":true,"data":[{"userId":1,"x":` + hostile.DeepArrays(10001) + `}]}`,
	} {
		_, err := serve(t, []byte(body)).Users.List(context.Background(), nil)
		assert.ErrorIs(t, err, ErrUnexpectedResponse, name)
	}
	// A failure said before the broken part is still seen.
	env, err := decodeEnvelopeBody[users](`{"result":false,"errors":["no"],"data":` + hostile.DeepArrays(10001) + `}`)
	require.Error(t, err)
	msgs, failed := env.Failure()
	assert.True(t, failed)
	assert.Equal(t, []string{"no"}, msgs)
}
