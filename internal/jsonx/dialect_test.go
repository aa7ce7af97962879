package jsonx

import (
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type dialectProbe struct {
	N     int               `json:"n"`
	N64   int64             `json:"n64"`
	N32   int32             `json:"n32"`
	P     *int              `json:"p"`
	B     bool              `json:"b"`
	S     string            `json:"s"`
	L     []string          `json:"l"`
	M     map[string]any    `json:"m"`
	Inner struct{ X int }   `json:"inner"`
	T     Time              `json:"t"`
	Money Money             `json:"money"`
	Any   any               `json:"any"`
	Tags  map[string]string `json:"tags"`
}

var probeDialect = Dialect(Ints, Bools, Strings, StringLists,
	EmptyArrayAsObject[map[string]any](), EmptyArrayAsObject[struct{ X int }]())

func decodeProbe(t *testing.T, in string) (dialectProbe, error) {
	t.Helper()
	var p dialectProbe
	err := json.Unmarshal([]byte(in), &p, probeDialect)
	return p, err
}

func TestDialect_Unmarshal_tolerantForms(t *testing.T) {
	p, err := decodeProbe(t, `{"n":"12","n64":"-3","n32":1e3,"p":"","b":"1","s":42,"l":"","m":[],"inner":[],
		"t":"2021-12-02 12:05:10","money":"1,250.00","any":{"k":["v",1]}}`)
	require.NoError(t, err)
	assert.Equal(t, 12, p.N)
	assert.Equal(t, int64(-3), p.N64)
	assert.Equal(t, int32(1000), p.N32)
	require.NotNil(t, p.P)
	assert.Zero(t, *p.P)
	assert.True(t, p.B)
	assert.Equal(t, "42", p.S)
	assert.Nil(t, p.L)
	assert.Equal(t, map[string]any{}, p.M)
	assert.Zero(t, p.Inner)
	assert.Equal(t, "2021-12-02T12:05:10Z", p.T.String())
	assert.Equal(t, int64(125000), p.Money.Cents())
	assert.Equal(t, map[string]any{"k": []any{"v", 1.0}}, p.Any)

	p, err = decodeProbe(t, `{"n":null,"b":null,"s":null,"l":["a",2,null,""],"m":{"a":1},"inner":{"X":"7"},"S":"case","N":false}`)
	require.NoError(t, err)
	assert.Zero(t, p.N)
	assert.False(t, p.B)
	assert.Equal(t, "case", p.S, "a member name in another case matches, as in v1")
	assert.Equal(t, []string{"a", "2"}, p.L)
	assert.Equal(t, map[string]any{"a": 1.0}, p.M)
	assert.Equal(t, 7, p.Inner.X)

	p, err = decodeProbe(t, `{"s":true,"b":"no","n":"1","n":"2"}`)
	require.NoError(t, err)
	assert.Equal(t, "true", p.S)
	assert.Equal(t, 2, p.N, "a repeated member: the last wins, as in v1")
}

func TestDialect_Unmarshal_refusesWrongShapes(t *testing.T) {
	for _, bad := range []string{`{"n":"x"}`, `{"n":1.5}`, `{"n":true}`, `{"n":{}}`, `{"n32":"2147483648"}`,
		`{"b":"maybe"}`, `{"b":2}`, `{"s":{}}`, `{"s":[]}`, `{"s":1e400}`, `{"l":3}`, `{"l":{}}`, `{"m":[1]}`,
		`{"m":"x"}`, `{"inner":[{}]}`, `{"t":"yesterday"}`, `{"money":"1.2.3"}`, `{"tags":[]}`, `[]`, `{"n":1`} {
		_, err := decodeProbe(t, bad)
		assert.Error(t, err, bad)
	}
}

func TestDialect_Unmarshal_stringsKeepTheDefaultPath(t *testing.T) {
	p, err := decodeProbe(t, `{"s":"caf\u00e9 \"q\"","any":"x","tags":{"k":"v"}}`)
	require.NoError(t, err)
	assert.Equal(t, `café "q"`, p.S)
	assert.Equal(t, "x", p.Any)
	assert.Equal(t, map[string]string{"k": "v"}, p.Tags)
}

func TestDialect_Marshal_noHTMLEscaping(t *testing.T) {
	b, err := json.Marshal(map[string]string{"body": "<p>&</p>"}, probeDialect)
	require.NoError(t, err)
	assert.Equal(t, `{"body":"<p>&</p>"}`, string(b))
}

func TestSetFields_listsSetFieldsByJSONName(t *testing.T) {
	type req struct {
		A    *string        `json:"a,omitzero"`
		B    string         `json:"b"`
		M    map[string]any `json:"m,omitzero"`
		N    *int           `json:"n,omitzero"`
		Skip string         `json:"-"`
		Bare string
		x    string
	}
	empty := ""
	zero := 0
	r := req{A: &empty, N: &zero, Skip: "s", Bare: "b", x: "x"}
	assert.Equal(t, []string{"a", "n", "Bare"}, SetFields(r))
	assert.Equal(t, []string{"a", "n", "Bare"}, SetFields(&r))
	assert.Nil(t, SetFields((*req)(nil)))
	assert.Nil(t, SetFields(3))
}

func TestDialect_Marshal_writesAsV1(t *testing.T) {
	v := map[string]any{"b": []any(nil), "a": map[string]any(nil), "c": "\u2028<&>", "d": []string{}}
	b, err := json.Marshal(v, probeDialect)
	require.NoError(t, err)
	assert.Equal(t, `{"a":null,"b":null,"c":"\u2028<&>","d":[]}`, string(b))
}
