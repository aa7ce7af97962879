package marketplace_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/hostile"
	"github.com/userapis/sdk/marketplace"
)

// nestedPage is a users page of about size bytes whose free-form meta
// nests 2000 deep in every user.
func nestedPage(size int) []byte {
	var b strings.Builder
	b.WriteString(`{"items":[`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"id":"u_` + strconv.Itoa(i) + `","meta":{"x":` + hostile.DeepArrays(2000) + `},"extra":` + hostile.DeepArrays(2000) + `}`)
	}
	b.WriteString(`],"total":null,"page":0,"size":50}`)
	return []byte(b.String())
}

func cannedClient(tb testing.TB, body []byte) *marketplace.Client {
	tb.Helper()
	c, err := marketplace.NewClient(marketplace.WithBaseURL("https://api.example.com"), marketplace.WithAPIKey("k"),
		marketplace.WithHTTPClient(hostile.Canned(200, body)))
	require.NoError(tb, err)
	return c
}

// BenchmarkNested decodes the worst nested bodies, up to the 32 MiB cap,
// through Users.List: time grows with the size, not with size × depth.
func BenchmarkNested(b *testing.B) {
	for _, s := range []struct {
		name string
		size int
	}{{"64KiB", 64 << 10}, {"4MiB", 4 << 20}, {"31MiB", 31 << 20}} {
		b.Run(s.name, func(b *testing.B) {
			body := nestedPage(s.size)
			c := cannedClient(b, body)
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

func TestUsers_List_nestingPastTheLimitIsUnexpected(t *testing.T) {
	body := []byte(`{"items":[{"id":"u_1","meta":{"x":` + hostile.DeepArrays(10001) + `}}],"total":1}`)
	_, err := cannedClient(t, body).Users.List(context.Background(), nil)
	assert.ErrorIs(t, err, marketplace.ErrUnexpectedResponse)
	p, err := cannedClient(t, nestedPage(64<<10)).Users.List(context.Background(), nil)
	require.NoError(t, err)
	assert.NotEmpty(t, p.Items)
}
