package classifieds_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/internal/paging/pagingtest"
)

// TestUsers_All_serverIgnoringPageEnds walks servers that answer every
// page with the same users, reordered, in turn, or new ones past the
// envelope's totalItems: each walk ends with ErrUnexpectedResponse.
func TestUsers_All_serverIgnoringPageEnds(t *testing.T) {
	const size = 20
	pagingtest.Run(t, size, func(w http.ResponseWriter, ids []int, total int) {
		items := make([]string, len(ids))
		for i, id := range ids {
			items[i] = fmt.Sprintf(`{"userId":"%d","lastName":"User %d"}`, id, id)
		}
		inSet := 0 // a server that reports no count sends neither
		if total > 0 {
			inSet = len(ids) // as the fake sends it: the users on the page
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"result":true,"errors":[],"totalItems":%d,"totalInSet":%d,"page":1,"itemsPerPage":%d,"data":[%s]}`,
			total, inSet, size, strings.Join(items, ","))
	}, func(ctx context.Context, baseURL string) (int, []error) {
		c, err := classifieds.NewClient(classifieds.WithBaseURL(baseURL), classifieds.WithAPIKey("k"))
		if err != nil {
			return 0, []error{err}
		}
		n, errs := 0, []error(nil)
		for _, err := range c.Users.All(ctx, &classifieds.UserListOptions{ItemsPerPage: size}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			n++
		}
		return n, errs
	}, classifieds.ErrUnexpectedResponse)
}
