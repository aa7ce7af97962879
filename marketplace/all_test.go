package marketplace_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/userapis/sdk/internal/paging/pagingtest"
	"github.com/userapis/sdk/marketplace"
)

// TestUsers_All_serverIgnoringPageEnds walks servers that answer every
// page with the same users, reordered, in turn, or new ones past the
// total: each walk ends with ErrUnexpectedResponse.
func TestUsers_All_serverIgnoringPageEnds(t *testing.T) {
	const size = 20
	pagingtest.Run(t, size, func(w http.ResponseWriter, ids []int, total int) {
		items := make([]string, len(ids))
		for i, id := range ids {
			items[i] = fmt.Sprintf(`{"id":"u_%d","email":"u%d@example.com"}`, id, id)
		}
		tot := "null"
		if total > 0 {
			tot = fmt.Sprint(total)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"items":[%s],"total":%s,"page":0,"size":%d}`, strings.Join(items, ","), tot, size)
	}, func(ctx context.Context, baseURL string) (int, []error) {
		c, err := marketplace.NewClient(marketplace.WithBaseURL(baseURL), marketplace.WithAPIKey("k"))
		if err != nil {
			return 0, []error{err}
		}
		n, errs := 0, []error(nil)
		for u, err := range c.Users.All(ctx, &marketplace.UserListOptions{Size: size}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			n++
			_ = u.ID
		}
		return n, errs
	}, marketplace.ErrUnexpectedResponse)
}
