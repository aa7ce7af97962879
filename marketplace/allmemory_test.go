package marketplace_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/marketplace"
)

// pagesRT answers GET /users?page=N&size=S with page N of total users,
// built on the fly, so a walk of 100,000 users needs no server holding
// them.
type pagesRT struct{ total int }

func (p pagesRT) RoundTrip(r *http.Request) (*http.Response, error) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	size, _ := strconv.Atoi(q.Get("size"))
	var b bytes.Buffer
	b.WriteString(`{"items":[`)
	for i := page * size; i < min((page+1)*size, p.total); i++ {
		if i > page*size {
			b.WriteByte(',')
		}
		b.WriteString(benchUserJSON(i))
	}
	fmt.Fprintf(&b, `],"total":%d,"page":%d,"size":%d}`, p.total, page, size)
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		ContentLength: int64(b.Len()), Body: io.NopCloser(&b), Request: r}, nil
}

// All over 100,000 users keeps flat memory: the heap after the last page
// is what it was after the first few, not what 100,000 users would take
// (about 200 MB). Under the race detector the walk is 20,000 users, for
// time; the bound is the same.
func TestUsers_All_100kUsersFlatMemory(t *testing.T) {
	total := 100_000
	if raceEnabled {
		total = 20_000
	}
	c, err := marketplace.NewClient(marketplace.WithBaseURL("https://api.example.com"), marketplace.WithAPIKey("k"),
		marketplace.WithHTTPClient(&http.Client{Transport: pagesRT{total: total}}))
	require.NoError(t, err)
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var early, peak uint64
	n := 0
	for u, err := range c.Users.All(context.Background(), &marketplace.UserListOptions{Size: 100}) {
		require.NoError(t, err)
		require.Equal(t, "u_"+strconv.Itoa(n), u.ID)
		n++
		switch {
		case n == 1000:
			early = heap()
		case n%10_000 == 0:
			peak = max(peak, heap())
		}
	}
	require.Equal(t, total, n)
	require.NotZero(t, early)
	require.Less(t, int64(peak)-int64(early), int64(4<<20),
		"the heap grew from %d to %d bytes over %d users", early, peak, total)
}
