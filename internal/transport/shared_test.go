package transport_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/userapis/sdk/classifieds"
	"github.com/userapis/sdk/clogin"
	"github.com/userapis/sdk/internal/transport"
	"github.com/userapis/sdk/marketplace"
	"github.com/userapis/sdk/tenants"
)

// The four packages re-export one set of error values and types, so a
// check written against one package's names holds for every package.
func TestErrors_sameValuesInEveryPackage(t *testing.T) {
	sets := [][]error{
		{transport.ErrBadRequest, marketplace.ErrBadRequest, tenants.ErrBadRequest, classifieds.ErrBadRequest, clogin.ErrBadRequest},
		{transport.ErrUnauthorized, marketplace.ErrUnauthorized, tenants.ErrUnauthorized, classifieds.ErrUnauthorized, clogin.ErrUnauthorized},
		{transport.ErrForbidden, marketplace.ErrForbidden, tenants.ErrForbidden, classifieds.ErrForbidden, clogin.ErrForbidden},
		{transport.ErrNotFound, marketplace.ErrNotFound, tenants.ErrNotFound, classifieds.ErrNotFound, clogin.ErrNotFound},
		{transport.ErrConflict, marketplace.ErrConflict, tenants.ErrConflict, classifieds.ErrConflict, clogin.ErrConflict},
		{transport.ErrRateLimited, marketplace.ErrRateLimited, tenants.ErrRateLimited, classifieds.ErrRateLimited, clogin.ErrRateLimited},
		{transport.ErrServer, marketplace.ErrServer, tenants.ErrServer, classifieds.ErrServer, clogin.ErrServer},
		{transport.ErrInvalidInput, marketplace.ErrInvalidInput, tenants.ErrInvalidInput, classifieds.ErrInvalidInput, clogin.ErrInvalidInput},
		{transport.ErrUnexpectedResponse, marketplace.ErrUnexpectedResponse, tenants.ErrUnexpectedResponse, classifieds.ErrUnexpectedResponse, clogin.ErrUnexpectedResponse},
		{transport.ErrRedirectRefused, marketplace.ErrRedirectRefused, tenants.ErrRedirectRefused, classifieds.ErrRedirectRefused, clogin.ErrRedirectRefused},
		{transport.ErrOutcomeUnknown, marketplace.ErrOutcomeUnknown, tenants.ErrOutcomeUnknown, classifieds.ErrOutcomeUnknown, clogin.ErrOutcomeUnknown},
	}
	for _, set := range sets {
		for _, e := range set[1:] {
			assert.Same(t, set[0], e)
		}
	}
	err := fmt.Errorf("wrapped: %w", &marketplace.APIError{StatusCode: 404})
	assert.True(t, errors.Is(err, tenants.ErrNotFound))
	var apiErr *clogin.APIError
	assert.True(t, errors.As(err, &apiErr), "one APIError type behind every package's name")
	var verr *classifieds.ValidationError
	assert.True(t, errors.As(fmt.Errorf("x: %w", &tenants.ValidationError{Op: "tenants: Users.Search"}), &verr))
}
