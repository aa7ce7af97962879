package clogin_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/internal/paging/pagingtest"
)

// TestUsers_All_serverIgnoringPageEnds walks servers that answer every
// starting_position with the same users, reordered, in turn, or new ones
// past total_users: each walk ends with ErrUnexpectedResponse.
func TestUsers_All_serverIgnoringPageEnds(t *testing.T) {
	pagingtest.Run(t, clogin.PageSize, func(w http.ResponseWriter, ids []int, total int) {
		users := make([]string, len(ids))
		for i, id := range ids {
			users[i] = fmt.Sprintf(`{"user_info":{"clogin_id":"%d","group_id":"7","connected_to":"%d"},"meta_info":{}}`, id, id)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"success":true,"msg":"User list","total_users":%d,"records_per_page":%d,"users":[%s],"children":[]}`,
			total, clogin.PageSize, strings.Join(users, ","))
	}, func(ctx context.Context, baseURL string) (int, []error) {
		c, err := clogin.NewClient(clogin.WithBaseURL(baseURL), clogin.WithCredentials(clogin.Credentials{APIUser: "u", APIToken: "t", APIID: 1}))
		if err != nil {
			return 0, []error{err}
		}
		n, errs := 0, []error(nil)
		for _, err := range c.Users.All(ctx, &clogin.UserListOptions{GroupID: 7}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			n++
		}
		return n, errs
	}, clogin.ErrUnexpectedResponse)
}
