package tenants

import (
	"log/slog"
	"strings"

	"github.com/userapis/sdk/internal/jsonx"
)

// User is an Aptem user as the users endpoints return it. Every documented
// field is here under its exact JSON name; the Aptem pages type the IDs and
// hours as int32 and every other field as a string (dates included, in a
// format they do not state), so dates are kept as the strings sent.
//
// User is a plain struct: the package's JSON dialect (dialect.go) decodes
// the integers also from numeric strings, "" and null (0), and
// jobActiveSync also from "true", 1 or null, since .NET APIs send
// nullable fields as null.
//
// User implements [slog.LogValuer]: a logged User shows its IDs, names,
// reference number and status, never its date of birth or contact details.
type User struct {
	ID                 int    `json:"id"`
	FirstName          string `json:"firstName"`
	LastName           string `json:"lastName"`
	CaseOwnerID        int    `json:"caseOwnerId"`
	MentorID           int    `json:"mentorId"`
	Phone              string `json:"phone"`
	ReferenceNumber    string `json:"referenceNumber"`
	GroupID            int    `json:"groupId"`
	JobActiveSync      bool   `json:"jobActiveSync"`
	Email              string `json:"email"`
	Username           string `json:"username"`
	Status             string `json:"status"`
	DateOfBirth        string `json:"dateOfBirth"`
	CaseOwnerFirstName string `json:"caseOwnerFirstName"`
	CaseOwnerLastName  string `json:"caseOwnerLastName"`
	PostCode           string `json:"postCode"`
	Address1           string `json:"address1"`
	Address2           string `json:"address2"`
	TownCity           string `json:"townCity"`
	CountyState        string `json:"countyState"`
	ProgrammeID        int    `json:"programmeId"`
	ProgrammeStartDate string `json:"programmeStartDate"`
	EmployerID         int    `json:"employerId"`
	EmployerAddressID  int    `json:"employerAddressId"`
	ManagerFirstName   string `json:"managerFirstName"`
	ManagerLastName    string `json:"managerLastName"`
	ManagerEmail       string `json:"managerEmail"`
	ManagerPhone       string `json:"managerPhone"`
	IAEnglish          string `json:"IAEnglish"`
	IAMath             string `json:"IAMath"`
	IAICT              string `json:"IAICT"`
	DiagEnglish        string `json:"diagEnglish"`
	DiagMath           string `json:"diagMath"`
	DiagICT            string `json:"diagIct"`
	Title              string `json:"title"`
	PreferredName      string `json:"preferredName"`
	PersonalEmail      string `json:"personalEmail"`
	Gender             string `json:"gender"`
	AuthenticationType string `json:"authenticationType"`
	PlannedHours       int    `json:"plannedHours"`
	WeeklyHours        int    `json:"weeklyHours"`
	ManagerID          int    `json:"managerId"`
}

// LogValue implements [slog.LogValuer]. It lists the fields that identify
// the user to an operator and leaves out the date of birth and every
// personal contact detail (phone, e-mails, username, address, post code,
// the manager's contacts), so logging a User does not leak them. It is an
// allow-list: a field added later stays hidden until it is added here.
func (u User) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Int("id", u.ID),
		slog.String("referenceNumber", u.ReferenceNumber),
		slog.String("firstName", u.FirstName),
		slog.String("lastName", u.LastName),
		slog.String("status", u.Status),
		slog.Int("groupId", u.GroupID),
		slog.Int("programmeId", u.ProgrammeID),
		slog.Int("employerId", u.EmployerID),
		slog.Int("caseOwnerId", u.CaseOwnerID),
		slog.Int("managerId", u.ManagerID),
		slog.String("authenticationType", u.AuthenticationType),
	)
}

// UserCreateRequest is the body of [UsersService.Create]. Aptem's page
// marks no field required, and the SDK reads that as it stands: no field
// is required, and Aptem answers 400 for one it does insist on.
// FirstName, LastName and Email are plain strings, sent only when not "";
// every other field is a pointer and is sent only when set, so a zero
// (false, 0, "") can be sent on purpose. Build pointers with [Ptr].
type UserCreateRequest struct {
	FirstName          string  `json:"firstName,omitempty"`
	LastName           string  `json:"lastName,omitempty"`
	Email              string  `json:"email,omitempty"`
	CaseOwnerID        *int    `json:"caseOwnerId,omitempty"`
	MentorID           *int    `json:"mentorId,omitempty"`
	Phone              *string `json:"phone,omitempty"`
	ReferenceNumber    *string `json:"referenceNumber,omitempty"`
	GroupID            *int    `json:"groupId,omitempty"`
	JobActiveSync      *bool   `json:"jobActiveSync,omitempty"`
	Username           *string `json:"username,omitempty"`
	Status             *string `json:"status,omitempty"`
	DateOfBirth        *string `json:"dateOfBirth,omitempty"`
	CaseOwnerFirstName *string `json:"caseOwnerFirstName,omitempty"`
	CaseOwnerLastName  *string `json:"caseOwnerLastName,omitempty"`
	PostCode           *string `json:"postCode,omitempty"`
	Address1           *string `json:"address1,omitempty"`
	Address2           *string `json:"address2,omitempty"`
	TownCity           *string `json:"townCity,omitempty"`
	CountyState        *string `json:"countyState,omitempty"`
	ProgrammeID        *int    `json:"programmeId,omitempty"`
	ProgrammeStartDate *string `json:"programmeStartDate,omitempty"`
	EmployerID         *int    `json:"employerId,omitempty"`
	EmployerAddressID  *int    `json:"employerAddressId,omitempty"`
	ManagerFirstName   *string `json:"managerFirstName,omitempty"`
	ManagerLastName    *string `json:"managerLastName,omitempty"`
	ManagerEmail       *string `json:"managerEmail,omitempty"`
	ManagerPhone       *string `json:"managerPhone,omitempty"`
	IAEnglish          *string `json:"IAEnglish,omitempty"`
	IAMath             *string `json:"IAMath,omitempty"`
	IAICT              *string `json:"IAICT,omitempty"`
	DiagEnglish        *string `json:"diagEnglish,omitempty"`
	DiagMath           *string `json:"diagMath,omitempty"`
	DiagICT            *string `json:"diagIct,omitempty"`
	Title              *string `json:"title,omitempty"`
	PreferredName      *string `json:"preferredName,omitempty"`
	PersonalEmail      *string `json:"personalEmail,omitempty"`
	Gender             *string `json:"gender,omitempty"`
	AuthenticationType *string `json:"authenticationType,omitempty"`
	PlannedHours       *int    `json:"plannedHours,omitempty"`
	WeeklyHours        *int    `json:"weeklyHours,omitempty"`
	ManagerID          *int    `json:"managerId,omitempty"`
}

// UserUpdateRequest is the changes [UsersService.Update] makes. Every
// field is a pointer; at least one must be set. A nil field keeps its
// stored value: Update sends the stored record with the set fields
// overlaid, since Aptem does not say whether a PUT clears the fields it
// leaves out.
type UserUpdateRequest struct {
	FirstName          *string `json:"firstName,omitempty"`
	LastName           *string `json:"lastName,omitempty"`
	CaseOwnerID        *int    `json:"caseOwnerId,omitempty"`
	MentorID           *int    `json:"mentorId,omitempty"`
	Phone              *string `json:"phone,omitempty"`
	ReferenceNumber    *string `json:"referenceNumber,omitempty"`
	GroupID            *int    `json:"groupId,omitempty"`
	JobActiveSync      *bool   `json:"jobActiveSync,omitempty"`
	Email              *string `json:"email,omitempty"`
	Username           *string `json:"username,omitempty"`
	Status             *string `json:"status,omitempty"`
	DateOfBirth        *string `json:"dateOfBirth,omitempty"`
	CaseOwnerFirstName *string `json:"caseOwnerFirstName,omitempty"`
	CaseOwnerLastName  *string `json:"caseOwnerLastName,omitempty"`
	PostCode           *string `json:"postCode,omitempty"`
	Address1           *string `json:"address1,omitempty"`
	Address2           *string `json:"address2,omitempty"`
	TownCity           *string `json:"townCity,omitempty"`
	CountyState        *string `json:"countyState,omitempty"`
	ProgrammeID        *int    `json:"programmeId,omitempty"`
	ProgrammeStartDate *string `json:"programmeStartDate,omitempty"`
	EmployerID         *int    `json:"employerId,omitempty"`
	EmployerAddressID  *int    `json:"employerAddressId,omitempty"`
	ManagerFirstName   *string `json:"managerFirstName,omitempty"`
	ManagerLastName    *string `json:"managerLastName,omitempty"`
	ManagerEmail       *string `json:"managerEmail,omitempty"`
	ManagerPhone       *string `json:"managerPhone,omitempty"`
	IAEnglish          *string `json:"IAEnglish,omitempty"`
	IAMath             *string `json:"IAMath,omitempty"`
	IAICT              *string `json:"IAICT,omitempty"`
	DiagEnglish        *string `json:"diagEnglish,omitempty"`
	DiagMath           *string `json:"diagMath,omitempty"`
	DiagICT            *string `json:"diagIct,omitempty"`
	Title              *string `json:"title,omitempty"`
	PreferredName      *string `json:"preferredName,omitempty"`
	PersonalEmail      *string `json:"personalEmail,omitempty"`
	Gender             *string `json:"gender,omitempty"`
	AuthenticationType *string `json:"authenticationType,omitempty"`
	PlannedHours       *int    `json:"plannedHours,omitempty"`
	WeeklyHours        *int    `json:"weeklyHours,omitempty"`
	ManagerID          *int    `json:"managerId,omitempty"`
}

// LogValue shows only which fields are set, never their values: a request
// carries the user's date of birth and contact details. The receiver is a
// value, so a request logs the same way by value and by pointer.
func (r UserCreateRequest) LogValue() slog.Value { return setFieldsValue(r) }

// LogValue shows only which fields are set, never their values.
func (r UserUpdateRequest) LogValue() slog.Value { return setFieldsValue(r) }

func setFieldsValue(r any) slog.Value {
	return slog.GroupValue(slog.String("fields", strings.Join(jsonx.SetFields(r), ",")))
}
