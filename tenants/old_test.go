package tenants

// The v1 decoder tenants had before User became a plain struct under the
// package's dialect, kept unchanged but for its receiver so the fuzz
// target can check the dialect against it (differential fuzzing). It uses
// jsonx's named types through encoding/json v1; jsonx's own fuzz targets
// check those against jsonx's old code, so this is the old decoder end to
// end.

import (
	"encoding/json"

	"github.com/userapis/sdk/internal/jsonx"
)

type oldUser User

func (u *oldUser) UnmarshalJSON(b []byte) error {
	type plain User
	aux := struct {
		*plain
		ID                jsonx.Int64 `json:"id"`
		CaseOwnerID       jsonx.Int64 `json:"caseOwnerId"`
		MentorID          jsonx.Int64 `json:"mentorId"`
		GroupID           jsonx.Int64 `json:"groupId"`
		JobActiveSync     jsonx.Bool  `json:"jobActiveSync"`
		ProgrammeID       jsonx.Int64 `json:"programmeId"`
		EmployerID        jsonx.Int64 `json:"employerId"`
		EmployerAddressID jsonx.Int64 `json:"employerAddressId"`
		PlannedHours      jsonx.Int64 `json:"plannedHours"`
		WeeklyHours       jsonx.Int64 `json:"weeklyHours"`
		ManagerID         jsonx.Int64 `json:"managerId"`
	}{plain: (*plain)(u)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	u.ID = int(aux.ID)
	u.CaseOwnerID = int(aux.CaseOwnerID)
	u.MentorID = int(aux.MentorID)
	u.GroupID = int(aux.GroupID)
	u.JobActiveSync = bool(aux.JobActiveSync)
	u.ProgrammeID = int(aux.ProgrammeID)
	u.EmployerID = int(aux.EmployerID)
	u.EmployerAddressID = int(aux.EmployerAddressID)
	u.PlannedHours = int(aux.PlannedHours)
	u.WeeklyHours = int(aux.WeeklyHours)
	u.ManagerID = int(aux.ManagerID)
	return nil
}
