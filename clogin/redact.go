package clogin

import (
	"log/slog"
	"strconv"
)

// Every exported type that carries a user's data, a token or a password
// implements [slog.LogValuer] on a value receiver, so a value, a pointer
// and a range variable all log the same way: ids, counts, amounts, names
// and messages are shown; login tokens, passwords, doc and field values,
// e-mail contents and raw bodies never are (a set one is logged as
// "[REDACTED]", a raw body or doc as its size). [Credentials.LogValue] is
// in client.go and [UserFields.LogValue] in fields.go.

const redacted = "[REDACTED]"

// LogValue logs the message, the ids and the progress snapshot. The
// login token is hidden, and Raw (which holds the token too, and the
// user's fields) is logged as its size.
func (r Result) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("msg", r.Message),
		slog.String("msg_type", r.MessageType),
		slog.Bool("success", r.Success),
		slog.Any("user_info", r.UserInfo),
		slog.Any("meta_info", r.MetaInfo),
	}
	if r.UserToken != "" {
		attrs = append(attrs, slog.String("user_token", redacted))
	}
	if len(r.SystemAction) > 0 {
		attrs = append(attrs, slog.Any("system_action", r.SystemAction))
	}
	if len(r.Users) > 0 || r.EffectedUsers != 0 {
		attrs = append(attrs, slog.Any("users", r.Users), slog.Int("effected_users", r.EffectedUsers))
	}
	if r.Parent != nil {
		attrs = append(attrs, slog.Any("parent", *r.Parent))
	}
	if len(r.Children) > 0 {
		attrs = append(attrs, slog.Int("children", len(r.Children)))
	}
	return slog.GroupValue(append(attrs, rawSize(r.Raw)...)...)
}

// rawSize logs a raw body or doc by its size only.
func rawSize(raw []byte) []slog.Attr {
	if len(raw) == 0 {
		return nil
	}
	return []slog.Attr{slog.String("raw", strconv.Itoa(len(raw))+" bytes")}
}

// LogValue logs the ids.
func (u UserInfo) LogValue() slog.Value {
	return slog.GroupValue(slog.Int64("clogin_id", u.CloginID), slog.Int64("group_id", u.GroupID),
		slog.Int64("connected_to", u.ConnectedTo))
}

// LogValue logs the snapshot: the user's display name, counts, amounts
// and status.
func (m MetaInfo) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("u_name", m.UName),
		slog.Int("total_forms", m.TotalForms),
		slog.Int("completed_forms", m.CompletedForms),
		slog.String("total_order", m.TotalOrder.String()),
		slog.String("total_paid", m.TotalPaid.String()),
		slog.String("total_balance", m.TotalBalance.String()),
		slog.Int64("status_id", m.StatusID),
	}
	if m.StatusName != nil {
		attrs = append(attrs, slog.String("status_name", *m.StatusName))
	}
	return slog.GroupValue(attrs...)
}

// LogValue logs the ids and the snapshot; Doc and Raw (the user's field
// values) are logged as their sizes, children as their count.
func (u UserSummary) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.Int64("clogin_id", u.CloginID),
		slog.Int64("group_id", u.GroupID),
		slog.Int64("connected_to", u.ConnectedTo),
		slog.Any("meta_info", u.MetaInfo),
	}
	if len(u.Doc) > 0 {
		attrs = append(attrs, slog.String("doc", strconv.Itoa(len(u.Doc))+" bytes"))
	}
	if len(u.Children) > 0 {
		attrs = append(attrs, slog.Int("children", len(u.Children)))
	}
	return slog.GroupValue(append(attrs, rawSize(u.Raw)...)...)
}

// LogValue logs the page's counts and its users' ids, never their data
// (log a [UserSummary] for that).
func (p UserPage) LogValue() slog.Value {
	ids := func(us []*UserSummary) []int64 {
		out := make([]int64, 0, len(us))
		for _, u := range us {
			if u != nil {
				out = append(out, u.CloginID)
			}
		}
		return out
	}
	attrs := []slog.Attr{
		slog.Any("users", ids(p.Users)),
		slog.Any("children", ids(p.Children)),
		slog.Int("total_users", p.TotalUsers),
		slog.Int("records_per_page", p.RecordsPerPage),
		slog.Int("starting_position", p.StartingPosition),
	}
	return slog.GroupValue(append(attrs, rawSize(p.Raw)...)...)
}

// commonAttrs logs what every request shares; the doc only as set or
// not, unless it is a [UserFields], which hides its own password.
func commonAttrs(c common) []slog.Attr {
	attrs := []slog.Attr{slog.Int64("group_id", c.GroupID), slog.Int64("clogin_id", c.CloginID)}
	if c.ConnectedTo != 0 {
		attrs = append(attrs, slog.Int64("connected_to", c.ConnectedTo))
	}
	switch d := c.Doc.(type) {
	case nil:
	case UserFields:
		attrs = append(attrs, slog.Any("doc", d))
	case *UserFields:
		if d != nil {
			attrs = append(attrs, slog.Any("doc", *d))
		}
	default:
		attrs = append(attrs, slog.String("doc", redacted))
	}
	return attrs
}

// LogValue logs the ids; a doc other than [UserFields] is hidden.
func (r CreateRequest) LogValue() slog.Value {
	return slog.GroupValue(commonAttrs(common{r.GroupID, r.CloginID, r.ConnectedTo, nil, nil, r.Doc})...)
}

// LogValue logs the ids; a doc other than [UserFields] is hidden.
func (r CreateChildRequest) LogValue() slog.Value {
	return slog.GroupValue(commonAttrs(common{r.GroupID, r.CloginID, r.ConnectedTo, nil, nil, r.Doc})...)
}

// LogValue logs the ids; the doc is hidden.
func (r LoginRequest) LogValue() slog.Value {
	return slog.GroupValue(commonAttrs(common{r.GroupID, r.CloginID, r.ConnectedTo, nil, nil, r.Doc})...)
}

// LogValue logs the ids and the names of the fields set, never their values.
func (r UpdateRequest) LogValue() slog.Value {
	attrs := commonAttrs(common{r.GroupID, r.CloginID, r.ConnectedTo, nil, nil, r.Doc})
	return slog.GroupValue(append(attrs, slog.Any("fields", sortedKeys(r.Fields)))...)
}

// LogValue logs the ids and the products.
func (r AddProductRequest) LogValue() slog.Value {
	attrs := commonAttrs(common{r.GroupID, r.CloginID, r.ConnectedTo, nil, nil, r.Doc})
	return slog.GroupValue(append(attrs, slog.Int("products", len(r.ProductList)))...)
}

// LogValue logs the ids and how many e-mails, never their contents.
func (r AddEmailRequest) LogValue() slog.Value {
	attrs := commonAttrs(common{r.GroupID, r.CloginID, r.ConnectedTo, nil, nil, r.Doc})
	return slog.GroupValue(append(attrs, slog.Int("email_list", len(r.EmailList)))...)
}

// LogValue logs the subject and the admin, never the addresses or body.
func (e Email) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("subject", e.Subject)}
	if e.AdminID != 0 {
		attrs = append(attrs, slog.Int64("admin_id", e.AdminID))
	}
	for _, f := range [...]struct {
		key string
		set bool
	}{{"from", e.From != ""}, {"to", e.To != ""}, {"cc", e.CC != ""}, {"bcc", e.BCC != ""}, {"body", e.Body != ""}} {
		if f.set {
			attrs = append(attrs, slog.String(f.key, redacted))
		}
	}
	return slog.GroupValue(attrs...)
}

// LogValue logs the ids and the flags.
func (r GetInfoRequest) LogValue() slog.Value {
	attrs := commonAttrs(common{r.GroupID, r.CloginID, r.ConnectedTo, nil, nil, r.Doc})
	return slog.GroupValue(append(attrs, slog.Bool("_allfields", r.AllFields), slog.Any("fields", r.Fields),
		slog.Bool("_family", r.Family))...)
}

// LogValue logs the ids and the status.
func (r SetStatusRequest) LogValue() slog.Value {
	attrs := commonAttrs(common{r.GroupID, r.CloginID, r.ConnectedTo, nil, nil, r.Doc})
	return slog.GroupValue(append(attrs, slog.Int64("status_id", r.StatusID))...)
}

// LogValue logs the action, the ids and the names of the extra
// parameters; their values and the doc are hidden.
func (r Request) LogValue() slog.Value {
	attrs := append([]slog.Attr{slog.String("action", r.Action)},
		commonAttrs(common{r.GroupID, r.CloginID, r.ConnectedTo, nil, nil, r.Doc})...)
	return slog.GroupValue(append(attrs, slog.Any("params", sortedKeys(r.Params)))...)
}

// LogValue logs the filters; a doc is hidden.
func (o UserListOptions) LogValue() slog.Value {
	attrs := commonAttrs(common{GroupID: o.GroupID, Doc: o.Doc})
	return slog.GroupValue(append(attrs, slog.Int("starting_position", o.StartingPosition),
		slog.Bool("return_families", o.ReturnFamilies), slog.Any("fields", o.Fields))...)
}
