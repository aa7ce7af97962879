package marketplacetest_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/marketplace/marketplacetest"
)

// TestServer_quirks: WithQuirks answers lists with the seed's null total
// and page and a numeric number_of_children as a number; without it the
// fake sends both counts and the string as stored.
func TestServer_quirks(t *testing.T) {
	for _, quirks := range []bool{false, true} {
		var opts []marketplacetest.ServerOption
		if quirks {
			opts = append(opts, marketplacetest.WithQuirks())
		}
		srv := marketplacetest.NewServer(opts...)
		id := srv.AddUser(marketplace.User{FirstName: "Ada", Email: "ada@example.com", NumberOfChildren: "2"})
		status, list := do(t, srv, http.MethodGet, "/users?page=0&size=10", "")
		assert.Equal(t, http.StatusOK, status)
		_, one := do(t, srv, http.MethodGet, "/users/"+id, "")
		if quirks {
			assert.Contains(t, list, `"total":null`)
			assert.Contains(t, list, `"page":null`)
			assert.Contains(t, one, `"number_of_children":2`)
		} else {
			assert.Contains(t, list, `"total":1`)
			assert.Contains(t, list, `"page":0`)
			assert.Contains(t, one, `"number_of_children":"2"`)
		}
		assert.Contains(t, list, `"size":10`)
		srv.Close()
	}
}
