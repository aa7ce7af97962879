package classifieds

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEnvelope_variants(t *testing.T) {
	cases := []struct {
		name     string
		body     string
		failed   bool
		messages []string
		users    int
	}{
		{"seed list", readTestdataString("list_response.repaired.json"), false, nil, 1},
		{"seed create: errors as \"\"", readTestdataString("create_response.repaired.json"), false, nil, 1},
		{"seed delete: data false", readTestdataString("delete_response.json"), false, nil, 0},
		{"activation success: data []", `{"result":true,"errors":[],"data":[]}`, false, nil, 0},
		{"errors absent, data absent", `{"result":true}`, false, nil, 0},
		{"data null", `{"result":true,"errors":null,"data":null}`, false, nil, 0},
		{"data \"\"", `{"result":true,"errors":"","data":""}`, false, nil, 0},
		{"data object", `{"result":true,"data":{"userId":1}}`, false, nil, 1},
		{"data array with spaces", `{"result":true,"data":[ ]}`, false, nil, 0},
		{"result as string", `{"result":"true","data":[{"userId":"1"},{"userId":2}]}`, false, nil, 2},
		{"result as 1", `{"result":1,"data":[]}`, false, nil, 0},
		{"failure, data absent", `{"result":false,"errors":["invalid activationtoken or token expired"]}`, true,
			[]string{"invalid activationtoken or token expired"}, 0},
		{"failure, errors a string", `{"result":false,"errors":"no access"}`, true, []string{"no access"}, 0},
		{"failure, errors empty", `{"result":false,"errors":""}`, true, []string{"result: false"}, 0},
		{"failure, errors absent", `{"result":false}`, true, []string{"result: false"}, 0},
		{"failure, result \"0\"", `{"result":"0","errors":["x"]}`, true, []string{"x"}, 0},
		{"failure, errors objects", `{"result":false,"errors":[{"field":"email","message":"taken"}]}`, true,
			[]string{"email: taken"}, 0},
		{"failure, errors a map", `{"result":false,"errors":{"message":"bad"}}`, true, []string{"bad"}, 0},
		{"list metadata as strings", `{"result":true,"page":"2","itemsPerPage":"10","totalItems":"4","totalInSet":"",
			"fromCache":"1","speed":"0.5","data":[]}`, false, nil, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var env envelope
			require.NoError(t, json.Unmarshal([]byte(tc.body), &env))
			require.NotNil(t, env.Result)
			msgs, failed := env.Failure()
			assert.Equal(t, tc.failed, failed)
			assert.Equal(t, tc.messages, msgs)
			if failed {
				return
			}
			users, err := decodeUsers(env.Data)
			require.NoError(t, err)
			assert.Len(t, users, tc.users)
		})
	}
}

func TestEnvelope_listMetadataAsStrings(t *testing.T) {
	var env envelope
	require.NoError(t, json.Unmarshal([]byte(`{"result":true,"page":"2","itemsPerPage":"10","totalItems":"4",
		"totalInSet":"","fromCache":"1","speed":"0.5"}`), &env))
	assert.EqualValues(t, 2, env.Page)
	assert.EqualValues(t, 10, env.ItemsPerPage)
	assert.EqualValues(t, 4, env.TotalItems)
	assert.EqualValues(t, 0, env.TotalInSet)
	assert.True(t, bool(env.FromCache))
	assert.EqualValues(t, 0.5, env.Speed)
}

func TestEnvelope_rejectsWrongShapes(t *testing.T) {
	for _, body := range []string{`[]`, `"ok"`, `{"result":true,"page":"two"}`, `{"result":"maybe"}`, `{"result":true,"speed":"fast"}`} {
		var env envelope
		assert.Error(t, json.Unmarshal([]byte(body), &env), body)
	}
	for _, data := range []string{`5`, `"x"`, `true`, `{"userId":"abc"}`, `[1]`} {
		_, err := decodeUsers(json.RawMessage(data))
		assert.Error(t, err, data)
	}
}

func TestUser_UnmarshalJSON_tolerantNested(t *testing.T) {
	var u User
	require.NoError(t, json.Unmarshal([]byte(`{"userId":3,"contacts":{"numberOfContacts":"2","numberOfActiveContacts":1,
		"contacts":[{"userId":"3","contactId":"0","active":"1","name":"Jan","country":"NL"}]},"activation":[]}`), &u))
	assert.Equal(t, &UserContacts{NumberOfContacts: 2, NumberOfActiveContacts: 1, Contacts: []*Contact{
		{UserID: 3, ContactID: 0, Active: true, Name: "Jan", Country: "NL"}}}, u.Contacts)
	assert.Nil(t, u.Activation)

	for _, contacts := range []string{`[]`, `false`, `null`, `""`} {
		var u User
		require.NoError(t, json.Unmarshal([]byte(`{"userId":"4","contacts":`+contacts+`}`), &u), contacts)
		assert.Nil(t, u.Contacts)
		assert.Equal(t, int64(4), u.UserID)
	}
	var c UserContacts
	require.NoError(t, json.Unmarshal([]byte(`{"numberOfContacts":0,"contacts":false}`), &c))
	assert.Nil(t, c.Contacts)
}

// FuzzEnvelope feeds arbitrary bodies through the decoders every method
// uses: they must never panic, and what they accept must be consistent.
func FuzzEnvelope(f *testing.F) {
	for _, name := range []string{"list_response.repaired.json", "list_response.verbatim.json", "create_response.repaired.json",
		"create_response.verbatim.json", "delete_response.json", "generate_response.json"} {
		f.Add([]byte(readTestdataString(name)))
	}
	f.Add([]byte(`{"result":false,"errors":""}`))
	f.Add([]byte(`{"result":"1","errors":[1,null,"x"],"data":[{"userId":"12","contacts":{"contacts":[{"active":"0"}]},"activation":{"validUntil":"2021-12-02 12:05:10"}}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var env envelope
		if json.Unmarshal(body, &env) != nil {
			return
		}
		msgs, failed := env.Failure()
		if failed {
			require.NotEmpty(t, msgs, "a failure always carries a message")
			return
		}
		require.Nil(t, msgs)
		users, err := decodeUsers(env.Data)
		if err == nil {
			for _, u := range users {
				require.NotNil(t, u)
				_ = u.LogValue().Resolve().String()
			}
			if isEmptyData(env.Data) {
				require.Empty(t, users)
			}
		}
		if a, err := decodeActivation(env.Data); err == nil {
			require.NotEmpty(t, a.ActivationToken)
		}
	})
}

func readTestdataString(name string) string {
	b, err := testdataFS(name)
	if err != nil {
		panic(err)
	}
	return b
}
