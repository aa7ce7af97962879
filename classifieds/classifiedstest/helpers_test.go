package classifiedstest

import "github.com/userapis/sdk/classifieds"

func userWithID(id int64) classifieds.User {
	return classifieds.User{UserID: id, LastName: "Seeded", Email: "s@example.test", Phone: "12345"}
}
