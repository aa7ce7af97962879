package clogin

import (
	"encoding/json"

	jsonv2 "github.com/go-json-experiment/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeEnvelope decodes b into an envelope as the transport does.
func decodeEnvelope(b []byte, e any) error { return jsonv2.Unmarshal(b, e, dialect) }

// decode decodes b into v as the transport does: one call of
// encoding/json/v2 with the package's dialect, through the envelope of
// the response types; an item (UserSummary) as a page's only child.
func decode(b []byte, v any) error {
	switch v := v.(type) {
	case *Result:
		return jsonv2.Unmarshal(b, &resultEnvelope{r: v}, dialect)
	case *UserPage:
		return jsonv2.Unmarshal(b, &listEnvelope{p: v}, dialect)
	case *UserSummary:
		var p UserPage
		if err := jsonv2.Unmarshal(append(append([]byte(`{"children":[`), b...), ']', '}'), &listEnvelope{p: &p}, dialect); err != nil {
			return err
		}
		if len(p.Children) != 1 {
			return errNotObject
		}
		*v = *p.Children[0]
		return nil
	case *MetaInfo:
		return jsonv2.Unmarshal(b, (*metaFields)(v), dialect)
	}
	return jsonv2.Unmarshal(b, v, dialect)
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func TestResult_Decode_loginExample(t *testing.T) {
	body := readTestdata(t, "login-response.json")
	var r Result
	require.NoError(t, decode(body, &r))
	assert.Equal(t, "User logged in", r.Message)
	assert.Equal(t, "", r.MessageType)
	assert.True(t, r.Success)
	assert.Equal(t, []string{"User registered"}, r.SystemAction)
	assert.Equal(t, "0f1e2d3c-4b5a-6978-8a9b-acbdcedff001", r.UserToken)
	assert.Equal(t, UserInfo{CloginID: 5550001, GroupID: 7770001, ConnectedTo: 5550001}, r.UserInfo)
	assert.False(t, r.UserInfo.IsChild())
	assert.Equal(t, "Ada Lovelace", r.MetaInfo.UName)
	assert.Equal(t, 2, r.MetaInfo.TotalForms)
	assert.Equal(t, 0, r.MetaInfo.CompletedForms)
	assert.Equal(t, 2, r.MetaInfo.TotalUserForms)
	assert.Equal(t, 0, r.MetaInfo.TotalCompletedUserForms)
	assert.Equal(t, 2, r.MetaInfo.TotalUserMandatoryForms)
	assert.Nil(t, r.MetaInfo.StatusName)
	assert.JSONEq(t, string(body), string(r.Raw))
}

func TestResult_Decode_setStatusExample(t *testing.T) {
	var r Result
	require.NoError(t, decode(readTestdata(t, "set-status-response.json"), &r))
	assert.Equal(t, "User status updated successfully.", r.Message)
	assert.Equal(t, "success", r.MessageType)
	assert.Equal(t, []int64{5550001}, r.Users)
	assert.Equal(t, 1, r.EffectedUsers)
	assert.Equal(t, int64(7770001), r.UserInfo.GroupID)
}

func TestMetaInfo_Decode_stringsToNumbers(t *testing.T) {
	body := `{"u_name":"Ada","total_forms":"12","completed_forms":"3","total_user_forms":"4",
		"total_completed_user_forms":"1","total_user_mandatory_forms":"2","total_completed_user_mandatory_forms":"0",
		"total_order":"1250.50","total_paid":"0.00","total_balance":"1250.5","status_id":"7","status_name":"Accepted"}`
	var m MetaInfo
	require.NoError(t, decode([]byte(body), &m))
	assert.Equal(t, 12, m.TotalForms)
	assert.Equal(t, 3, m.CompletedForms)
	assert.Equal(t, 4, m.TotalUserForms)
	assert.Equal(t, 1, m.TotalCompletedUserForms)
	assert.Equal(t, 2, m.TotalUserMandatoryForms)
	assert.Equal(t, int64(125050), m.TotalOrder.Cents())
	assert.Equal(t, "1250.50", m.TotalOrder.String())
	assert.True(t, m.TotalPaid.IsZero())
	assert.Equal(t, "1250.50", m.TotalBalance.String())
	assert.Equal(t, int64(7), m.StatusID)
	require.NotNil(t, m.StatusName)
	assert.Equal(t, "Accepted", *m.StatusName)
}

func TestUserInfo_Decode_variants(t *testing.T) {
	tests := []struct {
		name, body string
		want       UserInfo
		child      bool
	}{
		{"strings", `{"clogin_id":"5550002","group_id":"7770001","connected_to":"5550001"}`, UserInfo{5550002, 7770001, 5550001}, true},
		{"numbers", `{"clogin_id":5550002,"group_id":7770001,"connected_to":5550002}`, UserInfo{5550002, 7770001, 5550002}, false},
		{"empty and null", `{"clogin_id":"","group_id":null,"connected_to":false}`, UserInfo{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var u UserInfo
			require.NoError(t, decode([]byte(tc.body), &u))
			assert.Equal(t, tc.want, u)
			assert.Equal(t, tc.child, u.IsChild())
		})
	}
}

func TestResult_Decode_rejects(t *testing.T) {
	for _, body := range []string{`null`, `[]`, `"ok"`, `{"user_info":{"clogin_id":"x"}}`, `{"user_info":[1]}`, `{"meta_info":{"total_order":"1.2.3"}}`, `{"users":["a"]}`} {
		var r Result
		assert.Error(t, decode([]byte(body), &r), body)
	}
}

func TestResult_Decode_tolerant(t *testing.T) {
	body := `{"success":"true","msg":["one","two"],"system_action":"User registered","users":["5550001",5550002],
		"effected_users":"2","parent":{"u_name":"P","total_forms":"2"},"children":[{"u_name":"C"}],"user_token":null}`
	var r Result
	require.NoError(t, decode([]byte(body), &r))
	assert.True(t, r.Success)
	assert.Equal(t, "one; two", r.Message)
	assert.Equal(t, []string{"User registered"}, r.SystemAction)
	assert.Equal(t, []int64{5550001, 5550002}, r.Users)
	assert.Equal(t, 2, r.EffectedUsers)
	require.NotNil(t, r.Parent)
	assert.Equal(t, 2, r.Parent.TotalForms)
	require.Len(t, r.Children, 1)
	assert.Equal(t, "C", r.Children[0].UName)

	// Money with more decimals or thousands separators keeps its exact
	// value; PHP's [] stands for an empty object.
	var money Result
	require.NoError(t, decode([]byte(`{"success":true,"user_info":[],"meta_info":{"total_order":"1,250.125","total_paid":0.005}}`), &money))
	assert.Equal(t, "1250.125", money.MetaInfo.TotalOrder.String())
	assert.Equal(t, "0.005", money.MetaInfo.TotalPaid.String())
	assert.Equal(t, UserInfo{}, money.UserInfo)

	// Family parts of an undocumented shape are left to Raw.
	var odd Result
	require.NoError(t, decode([]byte(`{"success":true,"parent":"5550001","children":{"a":1}}`), &odd))
	assert.Nil(t, odd.Parent)
	assert.Nil(t, odd.Children)
}

func TestResultEnvelope_Failure(t *testing.T) {
	tests := []struct {
		body   string
		failed bool
		msgs   []string
	}{
		{`{"success":true,"msg":"ok"}`, false, nil},
		{`{"msg":"no flag"}`, false, nil},
		{`{"success":false,"msg":"user not found"}`, true, []string{"user not found"}},
		{`{"success":"false"}`, true, []string{"the server answered success: false"}},
		{`{"success":0,"message":"bad group"}`, true, []string{"bad group"}},
	}
	for _, tc := range tests {
		var r Result
		e := &resultEnvelope{r: &r}
		require.NoError(t, jsonv2.Unmarshal([]byte(tc.body), e, dialect), tc.body)
		msgs, failed := e.Failure()
		assert.Equal(t, tc.failed, failed, tc.body)
		assert.Equal(t, tc.msgs, msgs, tc.body)
	}
}

func TestUserSummary_Decode_shapes(t *testing.T) {
	tests := []struct {
		name, body string
		want       UserSummary
	}{
		{
			"nested",
			`{"user_info":{"clogin_id":"5550002","group_id":"7770001","connected_to":"5550001"},"meta_info":{"u_name":"Kid","total_order":"10.00","status_id":"2","status_name":"Cancelled"}}`,
			UserSummary{CloginID: 5550002, GroupID: 7770001, ConnectedTo: 5550001},
		},
		{
			"flat",
			`{"clogin_id":"5550002","group_id":7770001,"connected_to":"5550001","u_name":"Kid","total_order":"10.00","status_id":2,"status_name":"Cancelled"}`,
			UserSummary{CloginID: 5550002, GroupID: 7770001, ConnectedTo: 5550001},
		},
		{
			"flat ids, nested meta",
			`{"clogin_id":5550002,"group_id":"7770001","connected_to":5550001,"meta_info":{"u_name":"Kid","total_order":"10","status_id":"2","status_name":"Cancelled"}}`,
			UserSummary{CloginID: 5550002, GroupID: 7770001, ConnectedTo: 5550001},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var u UserSummary
			require.NoError(t, decode([]byte(tc.body), &u))
			assert.Equal(t, tc.want.CloginID, u.CloginID)
			assert.Equal(t, tc.want.GroupID, u.GroupID)
			assert.Equal(t, tc.want.ConnectedTo, u.ConnectedTo)
			assert.True(t, u.IsChild())
			assert.Equal(t, "Kid", u.MetaInfo.UName)
			assert.Equal(t, int64(1000), u.MetaInfo.TotalOrder.Cents())
			assert.Equal(t, int64(2), u.MetaInfo.StatusID)
			require.NotNil(t, u.MetaInfo.StatusName)
			assert.Equal(t, "Cancelled", *u.MetaInfo.StatusName)
			assert.JSONEq(t, tc.body, string(u.Raw))
		})
	}
}

func TestUserPage_Decode_listSkeleton(t *testing.T) {
	var p UserPage
	require.NoError(t, decode(readTestdata(t, "user-list-response.json"), &p))
	assert.Equal(t, 3, p.TotalUsers)
	assert.Equal(t, 50, p.RecordsPerPage)
	assert.JSONEq(t, `{"parents":"1","children":"2"}`, string(p.Totals))
	require.Len(t, p.Users, 1)
	require.Len(t, p.Children, 2)
	// The parent item carries no connected_to: it is its own id.
	assert.Equal(t, int64(5550001), p.Users[0].ConnectedTo)
	assert.False(t, p.Users[0].IsChild())
	for _, c := range p.Children {
		assert.Equal(t, int64(5550001), c.ConnectedTo)
		assert.True(t, c.IsChild())
	}
	assert.JSONEq(t, `{"your_instrument":"cello"}`, string(p.Children[0].Doc))
}

func TestUserPage_Decode_families(t *testing.T) {
	body := `{"total_users":"3","records_per_page":"50","users":[{"clogin_id":"1","children":[{"clogin_id":"2"},null,{"clogin_id":"3","connected_to":"1"}]},null],"children":null}`
	var p UserPage
	require.NoError(t, decode([]byte(body), &p))
	require.Len(t, p.Users, 1)
	assert.Nil(t, p.Children)
	require.Len(t, p.Users[0].Children, 2)
	assert.Equal(t, int64(1), p.Users[0].Children[0].ConnectedTo)
	assert.Equal(t, int64(3), p.Users[0].Children[1].CloginID)
	var bad UserPage
	assert.Error(t, decode([]byte(`null`), &bad))
	assert.Error(t, decode([]byte(`{"users":[1]}`), &bad))
}

func TestFieldValue_JSON(t *testing.T) {
	tests := []struct {
		v    FieldValue
		json string
	}{
		{Text("cello"), `"cello"`},
		{Text(""), `""`},
		{FieldValue{}, `""`},
		{Choices("no"), `["no"]`},
		{Choices("a", "b"), `["a","b"]`},
		{Choices(), `[]`},
	}
	for _, tc := range tests {
		b, err := json.Marshal(tc.v)
		require.NoError(t, err)
		assert.Equal(t, tc.json, string(b))
		var back FieldValue
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, tc.v.IsChoices(), back.IsChoices(), tc.json)
		assert.Equal(t, tc.v.Values(), back.Values(), tc.json)
	}
	var n FieldValue
	require.NoError(t, json.Unmarshal([]byte(`12`), &n))
	assert.Equal(t, "12", n.String())
	assert.Error(t, json.Unmarshal([]byte(`{"a":1}`), &n))
	assert.Equal(t, "a, b", Choices("a", "b").String())
}

func FuzzResult(f *testing.F) {
	for _, name := range []string{"login-response.json", "set-status-response.json", "status-create-response.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"success":"1","users":["1"],"effected_users":"1","meta_info":{"total_order":"1.5"}}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var r Result
		if err := decode(b, &r); err != nil {
			return
		}
		// A decoded Result keeps its body and re-encodes.
		if !json.Valid(r.Raw) {
			t.Fatalf("Raw is not JSON: %q", r.Raw)
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzUserPage(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "user-list-response.json"))
	require.NoError(f, err)
	f.Add(b)
	f.Add([]byte(`{"users":[{"user_info":{"clogin_id":"1"},"children":[{"clogin_id":2}]}],"total_users":"x"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p UserPage
		if err := decode(b, &p); err != nil {
			return
		}
		for _, u := range p.Users {
			if u == nil || !json.Valid(u.Raw) {
				t.Fatalf("bad parent item %+v", u)
			}
			if u.ConnectedTo == 0 && u.CloginID != 0 {
				t.Fatalf("parent %d has no family id", u.CloginID)
			}
		}
		for _, c := range p.Children {
			if c == nil {
				t.Fatal("nil child kept")
			}
		}
	})
}

func BenchmarkUserPage_Decode(b *testing.B) {
	// A full page: 50 parents and 75 children, nested as the fake sends them.
	var users, children []string
	for i := range 50 {
		item := `{"user_info":{"clogin_id":"` + itoa(5550001+i) + `","group_id":"7770001","connected_to":"` + itoa(5550001+i) + `"},` +
			`"meta_info":{"u_name":"Parent","total_forms":"2","completed_forms":"0","total_order":"250.00","total_paid":"0.00","total_balance":"250.00","status_id":"0","status_name":null}}`
		users = append(users, item)
		for range i%3 + 1 {
			children = append(children, item)
		}
	}
	body := []byte(`{"total_users":125,"records_per_page":50,"users":[` + join(users) + `],"children":[` + join(children[:75]) + `]}`)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		var p UserPage
		if err := decode(body, &p); err != nil {
			b.Fatal(err)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func join(items []string) string { return strings.Join(items, ",") }

// A success:false must reach the caller with the vendor's message even
// when another member of the body does not decode, wherever it stands.
func TestDialect_failureSurvivesABadMember(t *testing.T) {
	for _, body := range []string{
		`{"user_info":{"clogin_id":"x"},"meta_info":{"total_forms":[1,{"a":2}]},"success":false,"msg":"no such user"}`,
		`{"success":"0","users":["a"],"msg":"no such user"}`,
		`{"meta_info":{"total_order":"1.2.3"},"SUCCESS":0,"msg":"no such user"}`,
	} {
		var r Result
		e := &resultEnvelope{r: &r}
		require.Error(t, decodeEnvelope([]byte(body), e), body)
		msgs, failed := e.Failure()
		assert.True(t, failed, body)
		assert.Equal(t, []string{"no such user"}, msgs, body)
	}
	var p UserPage
	e := &listEnvelope{p: &p}
	require.Error(t, decodeEnvelope([]byte(`{"users":[{"clogin_id":"x"}],"total_users":"y","success":false,"msg":"bad group"}`), e))
	msgs, failed := e.Failure()
	assert.True(t, failed)
	assert.Equal(t, []string{"bad group"}, msgs)

	var ok Result
	e2 := &resultEnvelope{r: &ok}
	require.Error(t, decodeEnvelope([]byte(`{"user_info":{"clogin_id":"x"},"success":true}`), e2))
	_, failed = e2.Failure()
	assert.False(t, failed, "a success with a bad member is a decoding error, not a failure")
}

// The public types are plain structs: encoding/json v1 writes and reads
// them back to the same value, for users who cache them (Raw, the wire
// body, is not part of a value's JSON).
func TestDialect_PublicTypes_roundTripThroughV1(t *testing.T) {
	var r Result
	require.NoError(t, decode(benchGetInfoJSON, &r))
	var p UserPage
	require.NoError(t, decode(benchListJSON(), &p))
	r.Raw, p.Raw = nil, nil
	for _, u := range append(p.Users, p.Children...) {
		u.Raw = nil
	}
	for _, v := range []any{&r, &p, p.Users[0], &r.MetaInfo, &r.UserInfo} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		back := reflect.New(reflect.TypeOf(v).Elem()).Interface()
		require.NoError(t, json.Unmarshal(b, back), string(b))
		assert.Equal(t, v, back, string(b))
	}
	assert.Equal(t, "1250.00", r.MetaInfo.TotalOrder.String())
}
