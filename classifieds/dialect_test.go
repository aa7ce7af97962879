package classifieds

import (
	"encoding/json"
	"reflect"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/userapis/sdk/internal/transport"
)

// decodeEnvelope decodes body as the transport does: one call of
// encoding/json/v2 with the package's dialect.
func decodeEnvelopeBody[D any](body string) (*envelope[D], error) {
	var env envelope[D]
	err := jsonv2.Unmarshal([]byte(body), &env, dialect)
	return &env, err
}

func TestDialect_Envelope_variants(t *testing.T) {
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
		{"null users dropped", `{"result":true,"data":[null,{"userId":1},null]}`, false, nil, 1},
		{"result as string", `{"result":"true","data":[{"userId":"1"},{"userId":2}]}`, false, nil, 2},
		{"result as 1", `{"result":1,"data":[]}`, false, nil, 0},
		{"failure, data absent", `{"result":false,"errors":["invalid activationtoken or token expired"]}`, true,
			[]string{"invalid activationtoken or token expired"}, 0},
		{"failure, errors a string", `{"result":false,"errors":"no access"}`, true, []string{"no access"}, 0},
		{"failure, errors empty", `{"result":false,"errors":""}`, true, []string{"result: false"}, 0},
		{"failure, errors absent", `{"result":false}`, true, []string{"result: false"}, 0},
		{"failure, result \"0\"", `{"result":"0","errors":["x"]}`, true, []string{"x"}, 0},
		{"failure, errors numbers and nulls", `{"result":false,"errors":[1,null,"","x"]}`, true, []string{"1", "x"}, 0},
		{"failure, errors objects", `{"result":false,"errors":[{"field":"email","message":"taken"}]}`, true,
			[]string{"email: taken"}, 0},
		{"failure, errors strings and objects", `{"result":false,"errors":[" a ",{"message":"b"},"a"]}`, true,
			[]string{"a", "b"}, 0},
		{"failure, errors a map", `{"result":false,"errors":{"message":"bad"}}`, true, []string{"bad"}, 0},
		{"list metadata as strings", `{"result":true,"page":"2","itemsPerPage":"10","totalItems":"4","totalInSet":"",
			"fromCache":"1","speed":"0.5","data":[]}`, false, nil, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env, err := decodeEnvelopeBody[users](tc.body)
			require.NoError(t, err)
			require.NotNil(t, env.Result)
			msgs, failed := env.Failure()
			assert.Equal(t, tc.failed, failed)
			assert.Equal(t, tc.messages, msgs)
			if !failed {
				assert.Len(t, env.Data, tc.users)
			}
		})
	}
}

func TestDialect_Envelope_listMetadataAsStrings(t *testing.T) {
	env, err := decodeEnvelopeBody[skipped](`{"result":true,"page":"2","itemsPerPage":"10","totalItems":"4",
		"totalInSet":"","fromCache":"1","speed":" 0.5 "}`)
	require.NoError(t, err)
	assert.Equal(t, 2, env.Page)
	assert.Equal(t, 10, env.ItemsPerPage)
	assert.Equal(t, 4, env.TotalItems)
	assert.Equal(t, 0, env.TotalInSet)
	assert.True(t, env.FromCache)
	assert.EqualValues(t, 0.5, env.Speed)
}

func TestDialect_Envelope_rejectsWrongShapes(t *testing.T) {
	for _, body := range []string{`[]`, `"ok"`, `{"result":true,"page":"two"}`, `{"result":"maybe"}`, `{"result":true,"speed":"fast"}`} {
		_, err := decodeEnvelopeBody[users](body)
		assert.Error(t, err, body)
	}
	for _, data := range []string{`5`, `"x"`, `true`, `{"userId":"abc"}`, `[1]`} {
		_, err := decodeEnvelopeBody[users](`{"result":true,"data":` + data + `}`)
		assert.Error(t, err, data)
	}
}

// A failure must reach the caller with the vendor's message even when
// another member of the body does not decode, wherever the flag stands.
func TestDialect_Envelope_failureSurvivesABadMember(t *testing.T) {
	for _, body := range []string{
		`{"data":[{"userId":"abc","contacts":{"contacts":[{"x":[1,{"y":2}]}]}}],"page":"two","result":false,"errors":["no access"]}`,
		`{"errors":["no access"],"data":{"userId":{"deep":[[[]]]}},"result":"0"}`,
		`{"result":false,"data":[{"userId":"abc"}],"errors":["no access"]}`,
		`{"page":{"x":1},"RESULT":false,"Errors":"no access"}`,
	} {
		env, err := decodeEnvelopeBody[users](body)
		require.Error(t, err, body)
		msgs, failed := env.Failure()
		assert.True(t, failed, body)
		assert.Equal(t, []string{"no access"}, msgs, body)
	}
	env, err := decodeEnvelopeBody[users](`{"data":[{"userId":"abc"}],"result":true}`)
	require.Error(t, err)
	_, failed := env.Failure()
	assert.False(t, failed, "a success with a bad user is a decoding error, not a failure")
}

func TestDialect_User_tolerantNested(t *testing.T) {
	env, err := decodeEnvelopeBody[users](`{"result":true,"data":{"userId":3,"contacts":{"numberOfContacts":"2","numberOfActiveContacts":1,
		"contacts":[{"userId":"3","contactId":"0","active":"1","name":"Jan","country":"NL"}]},"activation":[]}}`)
	require.NoError(t, err)
	require.Len(t, env.Data, 1)
	u := env.Data[0]
	assert.Equal(t, &UserContacts{NumberOfContacts: 2, NumberOfActiveContacts: 1, Contacts: []*Contact{
		{UserID: 3, ContactID: 0, Active: true, Name: "Jan", Country: "NL"}}}, u.Contacts)
	assert.Nil(t, u.Activation)

	for _, contacts := range []string{`[]`, `false`, `null`, `""`} {
		env, err := decodeEnvelopeBody[users](`{"result":true,"data":{"userId":"4","contacts":` + contacts + `}}`)
		require.NoError(t, err, contacts)
		assert.Nil(t, env.Data[0].Contacts)
		assert.Equal(t, int64(4), env.Data[0].UserID)
	}
	env, err = decodeEnvelopeBody[users](`{"result":true,"data":{"contacts":{"numberOfContacts":0,"contacts":false}}}`)
	require.NoError(t, err)
	assert.Nil(t, env.Data[0].Contacts.Contacts)
}

// The public types are plain structs: encoding/json v1 writes and reads
// them back to the same value, for users who cache them.
func TestDialect_PublicTypes_roundTripThroughV1(t *testing.T) {
	u := seedListUser()
	u.Contacts = &UserContacts{NumberOfContacts: 1, Contacts: []*Contact{{UserID: 1, ContactID: 2, Active: true, Name: "Jan"}}}
	env, err := decodeEnvelopeBody[users](readTestdataString("create_response.repaired.json"))
	require.NoError(t, err)
	for _, v := range []any{u, env.Data[0], env.Data[0].Activation, &UserPage{Items: []*User{u}, Page: 1, Speed: 0.5},
		benchCreateRequest(), &UserUpdateRequest{City: Ptr("Delft")}} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		back := newOf(v)
		require.NoError(t, json.Unmarshal(b, back), string(b))
		assert.Equal(t, v, back, string(b))
	}
}

// newOf returns a new zero value of the type v points to.
func newOf(v any) any { return reflect.New(reflect.TypeOf(v).Elem()).Interface() }

func readTestdataString(name string) string {
	b, err := testdataFS(name)
	if err != nil {
		panic(err)
	}
	return b
}

// The dialect writes every request body byte for byte as encoding/json v1
// did (the transport's old default), whatever is set or left out.
func TestDialect_RequestBodies_byteIdenticalToV1(t *testing.T) {
	odd := "a<b>&c \u2028 \u2029 \x7f é \"q\""
	full := UserUpdateRequest{ClientID: Ptr[int64](0), ExternalUserID: Ptr[int64](-1)}
	for _, p := range []**string{&full.CompanyName, &full.Gender, &full.FirstName, &full.LastName, &full.DateOfBirth, &full.Address,
		&full.HouseNumber, &full.PostalCode, &full.City, &full.County, &full.Country, &full.Email, &full.Website, &full.Phone,
		&full.Fax, &full.Cellular} {
		*p = Ptr(odd)
	}
	empty := UserUpdateRequest{Fax: Ptr(""), Country: Ptr("")}
	create := *benchCreateRequest()
	create.Fax = odd
	for _, body := range []any{
		benchCreateRequest(), &create, &UserCreateRequest{}, &full, &empty,
		updateBody{UserID: 12, UserUpdateRequest: &empty}, updateBody{UserID: 12, UserUpdateRequest: &full},
		deleteBody{UserID: 1, IP: "127.0.0.2"}, activateBody{UserID: 1, ActivationToken: odd}, generateBody{UserID: 1},
	} {
		want, err := transport.EncodeJSON(body)
		require.NoError(t, err)
		got, err := jsonv2.Marshal(body, dialect)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
	}
}
