package marketplace

// The v1 decoders marketplace had before its types became plain structs
// under the package's dialect, kept unchanged but for their receivers so
// the fuzz targets can check the dialect against them (differential
// fuzzing). They use jsonx's named types through encoding/json v1; jsonx's
// own fuzz targets check those against jsonx's old code, so these are the
// old decoders end to end.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/userapis/sdk/internal/jsonx"
)

type oldUser User

func (u *oldUser) UnmarshalJSON(b []byte) error {
	type plain User
	aux := struct {
		*plain
		NumberOfChildren          flexString  `json:"number_of_children"`
		NumberOfCigarettesPerWeek jsonx.Int64 `json:"number_of_cigarettes_per_week"`
		NumberOfUnitsPerWeek      jsonx.Int64 `json:"number_of_units_per_week"`
		Visits                    jsonx.Int64 `json:"visits"`
		TermsConditions           jsonx.Bool  `json:"terms_conditions"`
		AssociatedCPUser          flexString  `json:"associated_cp_user"`
		ID                        flexString  `json:"id"`
	}{plain: (*plain)(u)}
	if err := decodeObject(b, &aux); err != nil {
		return fmt.Errorf("marketplace: decoding user: %w", err)
	}
	u.NumberOfChildren = string(aux.NumberOfChildren)
	u.NumberOfCigarettesPerWeek = int(aux.NumberOfCigarettesPerWeek)
	u.NumberOfUnitsPerWeek = int(aux.NumberOfUnitsPerWeek)
	u.Visits = int(aux.Visits)
	u.TermsConditions = bool(aux.TermsConditions)
	u.AssociatedCPUser = string(aux.AssociatedCPUser)
	u.ID = string(aux.ID)
	return nil
}

type oldBroadbandEntry BroadbandEntry

func (e *oldBroadbandEntry) UnmarshalJSON(b []byte) error {
	type plain BroadbandEntry
	aux := struct {
		*plain
		ID         flexString `json:"id"`
		CPUserID   flexString `json:"cp_user_id"`
		RootUserID flexString `json:"root_user_id"`
		CPID       flexString `json:"cp_id"`
	}{plain: (*plain)(e)}
	if err := decodeObject(b, &aux); err != nil {
		return fmt.Errorf("marketplace: decoding broadband entry: %w", err)
	}
	e.ID, e.CPUserID, e.RootUserID, e.CPID = string(aux.ID), string(aux.CPUserID), string(aux.RootUserID), string(aux.CPID)
	return nil
}

type oldUserPage struct {
	Items []*oldUser `json:"items"`
	Total *int       `json:"total"`
	Page  *int       `json:"page"`
	Size  int        `json:"size"`
}

func (p *oldUserPage) UnmarshalJSON(b []byte) error {
	type plain oldUserPage
	aux := struct {
		*plain
		Total *jsonx.Int64 `json:"total"`
		Page  *jsonx.Int64 `json:"page"`
		Size  jsonx.Int64  `json:"size"`
	}{plain: (*plain)(p)}
	if err := decodeObject(b, &aux); err != nil {
		return fmt.Errorf("marketplace: decoding user page: %w", err)
	}
	p.Total, p.Page, p.Size = intPtr(aux.Total), intPtr(aux.Page), int(aux.Size)
	return nil
}

func intPtr(n *jsonx.Int64) *int {
	if n == nil {
		return nil
	}
	v := int(*n)
	return &v
}

type flexString string

func (s *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return fmt.Errorf("empty value")
	case b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = flexString(v)
	case string(b) == "null":
		*s = ""
	case string(b) == "true" || string(b) == "false":
		*s = flexString(b)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("want a string or a number, got %.20s", b)
		}
		if _, err := strconv.ParseFloat(n.String(), 64); err != nil {
			return fmt.Errorf("want a string or a number, got %.20s", b)
		}
		*s = flexString(n)
	}
	return nil
}

func decodeObject(b []byte, v any) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return fmt.Errorf("want a JSON object, got %.20q", b)
	}
	return json.Unmarshal(b, v)
}
