package classifieds

import (
	"log/slog"
	"strconv"
)

// Every exported type that carries a person's data implements
// [slog.LogValuer] on a value receiver, so a value, a pointer and a range
// variable all log the same way: IDs, names, e-mail and place are shown;
// dates of birth, activation tokens, IP addresses, street addresses and
// phone numbers never are (a set one is logged as "[redacted]").
// [User.LogValue] and [Activation.LogValue] are in user.go.

const redacted = "[redacted]"

// redactedAttr is key: "[redacted]" when v is set, and nothing otherwise.
func redactedAttr(attrs []slog.Attr, key string, set bool) []slog.Attr {
	if set {
		attrs = append(attrs, slog.String(key, redacted))
	}
	return attrs
}

// LogValue logs the counts and the contacts, each as [Contact.LogValue].
func (c UserContacts) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.Int("numberOfContacts", c.NumberOfContacts),
		slog.Int("numberOfActiveContacts", c.NumberOfActiveContacts),
	}
	var items []slog.Attr
	for i, x := range c.Contacts {
		if x != nil {
			items = append(items, slog.Any(strconv.Itoa(i), *x))
		}
	}
	if len(items) > 0 {
		attrs = append(attrs, slog.Attr{Key: "contacts", Value: slog.GroupValue(items...)})
	}
	return slog.GroupValue(attrs...)
}

// LogValue logs the contact's IDs, name and place, and hides its address,
// phone number and Skype name.
func (c Contact) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.Int64("userId", c.UserID),
		slog.Int64("contactId", c.ContactID),
		slog.Bool("active", c.Active),
		slog.String("name", c.Name),
		slog.String("city", c.City),
		slog.String("country", c.Country),
	}
	attrs = redactedAttr(attrs, "address", c.Address != "" || c.HouseNumber != "" || c.PostalCode != "")
	attrs = redactedAttr(attrs, "phone", c.Phone != "")
	attrs = redactedAttr(attrs, "skype", c.Skype != "")
	return slog.GroupValue(attrs...)
}

// LogValue logs the page's metadata and its users' IDs, never the users'
// data (log a [User] for that).
func (p UserPage) LogValue() slog.Value {
	ids := make([]int64, 0, len(p.Items))
	for _, u := range p.Items {
		if u != nil {
			ids = append(ids, u.UserID)
		}
	}
	return slog.GroupValue(
		slog.Int("page", p.Page),
		slog.Int("itemsPerPage", p.ItemsPerPage),
		slog.Int("totalItems", p.TotalItems),
		slog.Int("totalInSet", p.TotalInSet),
		slog.Bool("fromCache", p.FromCache),
		slog.Any("userIds", ids),
	)
}

// LogValue logs the request as [User.LogValue] logs a user: the date of
// birth, address and phone numbers are hidden.
func (r UserCreateRequest) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("companyName", r.CompanyName),
		slog.String("firstName", r.FirstName),
		slog.String("lastName", r.LastName),
		slog.String("email", r.Email),
		slog.String("city", r.City),
		slog.String("country", *r.countryOrDefault()),
	}
	attrs = redactedAttr(attrs, "dateOfBirth", r.DateOfBirth != "")
	attrs = redactedAttr(attrs, "address", r.Address != "" || r.HouseNumber != "" || r.PostalCode != "")
	attrs = redactedAttr(attrs, "phone", r.Phone != "" || r.Cellular != "" || r.Fax != "")
	return slog.GroupValue(attrs...)
}

// LogValue logs which fields the update sets, with the values of the
// names, e-mail and place; the other values are hidden.
func (r UserUpdateRequest) LogValue() slog.Value {
	var attrs []slog.Attr
	show := func(key string, p *string) {
		if p != nil {
			attrs = append(attrs, slog.String(key, *p))
		}
	}
	show("companyName", r.CompanyName)
	show("firstName", r.FirstName)
	show("lastName", r.LastName)
	show("email", r.Email)
	show("city", r.City)
	show("country", r.Country)
	for _, f := range []struct {
		key string
		set bool
	}{
		{"gender", r.Gender != nil}, {"dateOfBirth", r.DateOfBirth != nil}, {"address", r.Address != nil},
		{"houseNumber", r.HouseNumber != nil}, {"postalCode", r.PostalCode != nil}, {"county", r.County != nil},
		{"website", r.Website != nil}, {"phone", r.Phone != nil}, {"fax", r.Fax != nil}, {"cellular", r.Cellular != nil},
		{"clientId", r.ClientID != nil}, {"externalUserId", r.ExternalUserID != nil},
	} {
		attrs = redactedAttr(attrs, f.key, f.set)
	}
	return slog.GroupValue(attrs...)
}

// LogValue hides the IP address.
func (o DeleteOptions) LogValue() slog.Value {
	return slog.GroupValue(redactedAttr(nil, "ip", o.IP != "")...)
}
