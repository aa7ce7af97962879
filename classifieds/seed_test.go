package classifieds

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The seed's example JSON is kept verbatim; where it is not valid JSON a
// repaired copy sits beside it, differing by exactly the one defect.
func TestSeed_repairedCopiesFixOnlyTheDefect(t *testing.T) {
	list := readTestdata(t, "list_response.verbatim.json")
	assert.False(t, json.Valid([]byte(list)))
	assert.Equal(t, strings.Replace(list, "   },\n   ]", "   }\n   ]", 1), readTestdata(t, "list_response.repaired.json"),
		"only the trailing comma removed")

	create := readTestdata(t, "create_response.verbatim.json")
	assert.False(t, json.Valid([]byte(create)))
	assert.Equal(t, create+"}\n", readTestdata(t, "create_response.repaired.json"), "only the closing brace added")

	for _, name := range []string{"create_request.json", "delete_request.json", "delete_response.json"} {
		assert.True(t, json.Valid([]byte(readTestdata(t, name))), name)
	}
}

func TestSeed_threeExampleResponsesDecodeExactly(t *testing.T) {
	t.Run("list", func(t *testing.T) {
		env, err := decodeEnvelopeBody[users](readTestdata(t, "list_response.repaired.json"))
		require.NoError(t, err)
		_, failed := env.Failure()
		assert.False(t, failed)
		assert.False(t, env.FromCache)
		assert.Equal(t, 4, env.TotalItems)
		assert.Equal(t, 100, env.TotalInSet)
		assert.Equal(t, 1, env.Page)
		assert.Equal(t, 10, env.ItemsPerPage)
		assert.EqualValues(t, 0.0010221004486084, env.Speed)
		assert.Equal(t, users{seedListUser()}, env.Data)
	})
	t.Run("create", func(t *testing.T) {
		env, err := decodeEnvelopeBody[users](readTestdata(t, "create_response.repaired.json"))
		require.NoError(t, err)
		msgs, failed := env.Failure()
		assert.False(t, failed)
		assert.Nil(t, msgs, `"errors": "" is no error`)
		require.Len(t, env.Data, 1)
		u := env.Data[0]
		assert.Equal(t, int64(19569), u.UserID)
		assert.Equal(t, int64(0), u.ClientID)
		assert.Equal(t, int64(0), u.ExternalUserID)
		assert.Equal(t, "", u.County)
		assert.Equal(t, "06-12345678", u.Cellular)
		require.NotNil(t, u.Activation)
		assert.Equal(t, "24e53f0a35303b3aeb...8481c9d9fea83a28aa6", u.Activation.ActivationToken)
		assert.Equal(t, time.Date(2021, 12, 2, 11, 5, 10, 0, time.UTC), u.Activation.ValidUntil.Time, "12:05:10 in Amsterdam (CET)")
	})
	t.Run("delete", func(t *testing.T) {
		env, err := decodeEnvelopeBody[users](readTestdata(t, "delete_response.json"))
		require.NoError(t, err)
		msgs, failed := env.Failure()
		assert.False(t, failed)
		assert.Empty(t, msgs)
		assert.Empty(t, env.Data)
		_, err = decodeEnvelopeBody[skipped](readTestdata(t, "delete_response.json"))
		assert.NoError(t, err)
	})
}

func TestDefaultRetryPolicy(t *testing.T) {
	assert.Equal(t, RetryPolicy{MaxRetries: 3, MinWait: 100 * time.Millisecond, MaxWait: 5 * time.Second,
		MaxRetryAfter: 60 * time.Second, Budget: 500}, DefaultRetryPolicy())
}
