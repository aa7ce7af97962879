package clogin

import (
	"context"
	"strconv"
	"strings"

	"github.com/userapis/sdk/internal/transport"
)

// UsersService runs the actions of Regpack's users endpoint. Every action
// is POST /users/ with the action in the JSON body. Get one from
// [Client.Users].
type UsersService struct{ tc *transport.Client }

// CreateRequest creates a parent or individual user in a project.
type CreateRequest struct {
	// GroupID is the project (required, > 0).
	GroupID int64
	// CloginID links a user who already exists in another project of the
	// organization; 0 is sent as false, "new in this organization".
	CloginID int64
	// ConnectedTo is a parent's clogin_id in a family system; 0 is not sent.
	ConnectedTo int64
	// SubmitForms false keeps the forms from submitting (and firing the
	// project's triggers); nil leaves the vendor's default, true.
	SubmitForms *bool
	// DisableEmailSending true suppresses automatic e-mails; nil leaves the
	// vendor's default, false (Regpack advises true when unsure).
	DisableEmailSending *bool
	// Doc is the user's data: a [UserFields] or any JSON object; nil is
	// sent as {}.
	Doc any
}

// Create creates a user, new to the organization when CloginID is 0. The
// Result's UserInfo carries the new clogin_id. A nil r is a
// *ValidationError.
//
// API: POST /users/ {"action": "create"}. Not safe: never re-sent after
// the request may have reached the server (a retry could create two users).
func (s *UsersService) Create(ctx context.Context, r *CreateRequest, opts ...CallOption) (*Result, error) {
	if r == nil {
		return nil, nilRequest("Users.Create")
	}
	k := newCall("Users.Create", actionCreate, common{r.GroupID, r.CloginID, r.ConnectedTo, r.SubmitForms, r.DisableEmailSending, r.Doc})
	checkUserDoc(k.v, r.Doc)
	return k.result(ctx, s.tc, opts)
}

// CreateChildRequest creates a child under a parent in a family system.
type CreateChildRequest struct {
	// GroupID is the project (required, > 0).
	GroupID int64
	// CloginID links an existing user; 0 is sent as false, "new in this
	// organization".
	CloginID int64
	// ConnectedTo is the parent's clogin_id (required, > 0).
	ConnectedTo int64
	// SubmitForms false keeps the forms from submitting. (Regpack's
	// create_child page swaps this description with DisableEmailSending's;
	// the SDK follows the users page.)
	SubmitForms *bool
	// DisableEmailSending true suppresses automatic e-mails.
	DisableEmailSending *bool
	// Doc is the child's data: a [UserFields] or any JSON object; nil is
	// sent as {} (the vendor requires a doc, even an empty one).
	Doc any
}

// CreateChild creates a child of the parent ConnectedTo. A nil r is a
// *ValidationError.
//
// API: POST /users/ {"action": "create_child"}. Not safe: never re-sent
// after the request may have reached the server.
func (s *UsersService) CreateChild(ctx context.Context, r *CreateChildRequest, opts ...CallOption) (*Result, error) {
	if r == nil {
		return nil, nilRequest("Users.CreateChild")
	}
	k := newCall("Users.CreateChild", actionCreateChild, common{r.GroupID, r.CloginID, r.ConnectedTo, r.SubmitForms, r.DisableEmailSending, r.Doc})
	k.v.Positive("connected_to", r.ConnectedTo)
	checkUserDoc(k.v, r.Doc)
	return k.result(ctx, s.tc, opts)
}

// LoginRequest asks for a login token for one user in one project.
type LoginRequest struct {
	GroupID             int64 // the project (required, > 0)
	CloginID            int64 // the user (required, > 0)
	ConnectedTo         int64 // the parent, for a child; 0 is not sent
	SubmitForms         *bool // nil: not sent
	DisableEmailSending *bool // nil: not sent
	// Doc is sent as {} when nil, as the vendor's examples do.
	Doc any
}

// Login creates a per-project login token for pushing the user into the
// project's front end; it is in the Result's UserToken and expires once
// the user has logged in. A nil r is a *ValidationError.
//
// API: POST /users/ {"action": "login"}. Safe: retried after a 5xx or a
// reset (a second token does no harm).
func (s *UsersService) Login(ctx context.Context, r *LoginRequest, opts ...CallOption) (*Result, error) {
	if r == nil {
		return nil, nilRequest("Users.Login")
	}
	k := newCall("Users.Login", actionLogin, common{r.GroupID, r.CloginID, r.ConnectedTo, r.SubmitForms, r.DisableEmailSending, r.Doc})
	return k.result(ctx, s.tc, opts)
}

// UpdateRequest sets form field values of one user.
type UpdateRequest struct {
	GroupID     int64 // the project (required, > 0)
	CloginID    int64 // the user (required, > 0)
	ConnectedTo int64 // the parent, for a child; 0 is not sent
	// SubmitForms false keeps the update from submitting the forms and
	// firing the project's triggers; nil leaves the default, true.
	SubmitForms *bool
	// DisableEmailSending true suppresses the e-mails the update would send.
	DisableEmailSending *bool
	// Fields are the new values, keyed by mapped name ("your_instrument")
	// or field id ("f_251473_6251473"). System fields (a leading "_")
	// cannot be updated.
	Fields map[string]FieldValue
	// Doc holds further fields as a JSON object, merged after Fields; a key
	// in both is refused.
	Doc any
}

// Update sets form field values in the user's doc. At least one field is
// required. A nil r is a *ValidationError.
//
// API: POST /users/ {"action": "update"}. Not safe: it fires form
// triggers and e-mails, so it is never re-sent after the request may have
// reached the server.
func (s *UsersService) Update(ctx context.Context, r *UpdateRequest, opts ...CallOption) (*Result, error) {
	if r == nil {
		return nil, nilRequest("Users.Update")
	}
	k := newCall("Users.Update", actionUpdate, common{r.GroupID, r.CloginID, r.ConnectedTo, r.SubmitForms, r.DisableEmailSending, r.Doc})
	for _, key := range sortedKeys(r.Fields) {
		switch {
		case strings.TrimSpace(key) == "":
			k.v.Add("doc", "has an empty field name")
		case strings.HasPrefix(key, "_"):
			k.v.Add("doc."+key, "is a system field; update cannot change it")
		default:
			k.doc = append(k.doc, member{key, r.Fields[key]})
		}
	}
	k.v.Check(len(r.Fields) > 0 || r.Doc != nil, "doc", "needs at least one field to update")
	return k.result(ctx, s.tc, opts)
}

// Product is one entry of add_product's product_list: an existing product
// by PID, or a private product by Name.
type Product struct {
	// PID is the product id from Product management (required unless Name).
	PID int64 `json:"p_id,omitempty"`
	// Name names a private product (instead of PID).
	Name string `json:"name,omitempty"`
	// Q is the quantity, at least 1 (only 1 unit is added when the product
	// can be ordered once).
	Q int `json:"q"`
	// ProductRemark is an optional remark shown in the cart.
	ProductRemark string `json:"product_remark,omitempty"`
	// RecurringStartDate starts a recurring product, in the project's date
	// structure (by default month day year).
	RecurringStartDate string `json:"recurring_start_date,omitempty"`
}

// AddProductRequest adds products to a user's cart.
type AddProductRequest struct {
	GroupID int64 // the project (required, > 0)
	// CloginID is the user; 0 is sent as false, "new in this organization".
	CloginID            int64
	ConnectedTo         int64 // the parent, for a child; 0 is not sent
	SubmitForms         *bool // nil: not sent
	DisableEmailSending *bool // nil: not sent
	// ProductList is sent top-level as "product_list" (required, each
	// entry with a PID or a Name and Q >= 1).
	ProductList []Product
	// Doc is sent as {} when nil.
	Doc any
}

// AddProduct adds the products to the user's cart. A nil r is a
// *ValidationError.
//
// API: POST /users/ {"action": "add_product", "product_list": [...]}. Not
// safe: never re-sent after the request may have reached the server.
func (s *UsersService) AddProduct(ctx context.Context, r *AddProductRequest, opts ...CallOption) (*Result, error) {
	if r == nil {
		return nil, nilRequest("Users.AddProduct")
	}
	k := newCall("Users.AddProduct", actionAddProduct, common{r.GroupID, r.CloginID, r.ConnectedTo, r.SubmitForms, r.DisableEmailSending, r.Doc})
	k.v.Check(len(r.ProductList) > 0, "product_list", "needs at least one product")
	for i, p := range r.ProductList {
		f := "product_list[" + strconv.Itoa(i) + "]"
		switch {
		case p.PID < 0:
			k.v.Add(f+".p_id", "must be a positive id")
		case p.PID == 0 && strings.TrimSpace(p.Name) == "":
			k.v.Add(f+".p_id", "is required unless name is set (a private product)")
		}
		k.v.Check(p.Q >= 1, f+".q", "must be at least 1")
	}
	k.top = append(k.top, member{"product_list", r.ProductList})
	return k.result(ctx, s.tc, opts)
}

// Email is one e-mail for add_email's email_list.
type Email struct {
	From    string `json:"from"`    // required
	To      string `json:"to"`      // required; several comma-separated
	Subject string `json:"subject"` // required; HTML or plain
	Body    string `json:"body"`    // required; HTML or plain
	CC      string `json:"cc,omitempty"`
	BCC     string `json:"bcc,omitempty"`
	// AdminID names the admin who sent it; Regpack checks the admin's level
	// and project access. 0 is not sent.
	AdminID int64 `json:"admin_id,omitempty"`
}

// AddEmailRequest records e-mails in a user's e-mail list.
type AddEmailRequest struct {
	GroupID             int64 // the project (required, > 0)
	CloginID            int64 // the user (required, > 0)
	ConnectedTo         int64 // the parent, for a child; 0 is not sent
	SubmitForms         *bool // nil: not sent
	DisableEmailSending *bool // nil: not sent
	// EmailList goes in the doc as "email_list", always as a list (the
	// documented type; one example sends a single object). Required.
	EmailList []Email
	// Doc holds further doc keys, merged after email_list.
	Doc any
}

// AddEmail records e-mails sent outside Regpack in the user's e-mail
// list; it sends none. A nil r is a *ValidationError.
//
// API: POST /users/ {"action": "add_email", "doc": {"email_list": [...]}}.
// Not safe: never re-sent after the request may have reached the server.
func (s *UsersService) AddEmail(ctx context.Context, r *AddEmailRequest, opts ...CallOption) (*Result, error) {
	if r == nil {
		return nil, nilRequest("Users.AddEmail")
	}
	k := newCall("Users.AddEmail", actionAddEmail, common{r.GroupID, r.CloginID, r.ConnectedTo, r.SubmitForms, r.DisableEmailSending, r.Doc})
	k.v.Check(len(r.EmailList) > 0, "doc.email_list", "needs at least one e-mail")
	for i, e := range r.EmailList {
		f := "doc.email_list[" + strconv.Itoa(i) + "]."
		k.v.Required(f+"from", e.From)
		k.v.Required(f+"to", e.To)
		k.v.Required(f+"subject", e.Subject)
		k.v.Required(f+"body", e.Body)
		k.v.Check(e.AdminID >= 0, f+"admin_id", "must not be negative")
	}
	k.doc = append(k.doc, member{"email_list", r.EmailList})
	return k.result(ctx, s.tc, opts)
}

// GetInfoRequest reads one user's data; the flags choose what comes back
// beside the metadata (none: the metadata only).
type GetInfoRequest struct {
	GroupID             int64 // the project (required, > 0)
	CloginID            int64 // the user (required, > 0)
	ConnectedTo         int64 // the parent, for a child; 0 is not sent
	SubmitForms         *bool // nil: not sent
	DisableEmailSending *bool // nil: not sent
	// AllFields ("_allfields") returns every field, the field index and
	// the incomplete fields.
	AllFields bool
	// Fields ("fields") returns these fields, by id or mapped name.
	Fields []string
	// Family ("_family") returns the parent's and children's metadata.
	Family bool
	// UserProducts ("_userproducts") returns the products the user may select.
	UserProducts bool
	// UserForms ("_userforms") returns the user's forms.
	UserForms bool
	// UserCart ("_usercart") returns the cart.
	UserCart bool
	// UserPayments ("_userpayments") returns the payments.
	UserPayments bool
	// Doc holds further doc keys, merged after the flags.
	Doc any
}

// GetInfo returns one user's metadata and what the flags ask for; the
// parts the SDK does not model are in the Result's Raw. A nil r is a
// *ValidationError.
//
// API: POST /users/ {"action": "get_info"}. Safe: retried after a 5xx or
// a reset.
func (s *UsersService) GetInfo(ctx context.Context, r *GetInfoRequest, opts ...CallOption) (*Result, error) {
	if r == nil {
		return nil, nilRequest("Users.GetInfo")
	}
	k := newCall("Users.GetInfo", actionGetInfo, common{r.GroupID, r.CloginID, r.ConnectedTo, r.SubmitForms, r.DisableEmailSending, r.Doc})
	k.doc = flags(
		member{"_allfields", r.AllFields},
		member{"fields", r.Fields},
		member{"_family", r.Family},
		member{"_userproducts", r.UserProducts},
		member{"_userforms", r.UserForms},
		member{"_usercart", r.UserCart},
		member{"_userpayments", r.UserPayments},
	)
	for i, f := range r.Fields {
		k.v.Check(strings.TrimSpace(f) != "", "doc.fields["+strconv.Itoa(i)+"]", "is empty")
	}
	return k.result(ctx, s.tc, opts)
}

// flags keeps the members that are set: true booleans, non-empty lists,
// positive numbers.
func flags(ms ...member) []member {
	var out []member
	for _, m := range ms {
		switch v := m.val.(type) {
		case bool:
			if !v {
				continue
			}
		case []string:
			if len(v) == 0 {
				continue
			}
		case int:
			if v <= 0 {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// SetStatusRequest sets or clears a user's status.
type SetStatusRequest struct {
	GroupID             int64 // the project (required, > 0)
	CloginID            int64 // the user (required, > 0)
	ConnectedTo         int64 // the parent, for a child; 0 is not sent
	SubmitForms         *bool // nil: not sent
	DisableEmailSending *bool // nil: not sent
	// StatusID is sent top-level as "status_id", always: 0 removes the
	// current status, otherwise the id shown in Tools → edit status.
	StatusID int64
	// Doc is sent as {} when nil, as the vendor requires.
	Doc any
}

// SetStatus sets the user's status, or clears it when StatusID is 0. The
// Result's Users and EffectedUsers say whom it changed. A nil r is a
// *ValidationError.
//
// API: POST /users/ {"action": "set_status", "status_id": n}. Not safe:
// never re-sent after the request may have reached the server.
func (s *UsersService) SetStatus(ctx context.Context, r *SetStatusRequest, opts ...CallOption) (*Result, error) {
	if r == nil {
		return nil, nilRequest("Users.SetStatus")
	}
	k := newCall("Users.SetStatus", actionSetStatus, common{r.GroupID, r.CloginID, r.ConnectedTo, r.SubmitForms, r.DisableEmailSending, r.Doc})
	k.v.Check(r.StatusID >= 0, "status_id", "must not be negative (0 clears the status)")
	k.top = append(k.top, member{"status_id", r.StatusID})
	return k.result(ctx, s.tc, opts)
}
