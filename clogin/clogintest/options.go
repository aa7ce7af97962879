package clogintest

// Paging is how the fake reads get_user_list's starting_position. Regpack
// documents only "increment starting_position", so both readings are
// served, for tests that must hold whichever the vendor takes.
type Paging int

const (
	// PagingOffset reads starting_position as a 0-based offset into the
	// list of parents: 50 is the second page. The default.
	PagingOffset Paging = iota
	// PagingPageIndex reads starting_position as a 0-based page number:
	// 1 is the second page.
	PagingPageIndex
)

// ServerOption configures a Server at [NewServer].
type ServerOption func(*Server)

// WithPaging sets the reading of starting_position; the default is
// [PagingOffset].
func WithPaging(p Paging) ServerOption { return func(s *Server) { s.paging = p } }

// WithRecordsPerPage sets get_user_list's page, in parents, and the
// records_per_page it reports; n < 1 keeps the documented 50. Small pages
// keep paging tests small.
func WithRecordsPerPage(n int) ServerOption {
	return func(s *Server) {
		if n >= 1 {
			s.pageSize = n
		}
	}
}

// WithTotalUsers makes get_user_list report f(n) as total_users, where n
// is the true count (parents and children, as the fake counts them): a
// server whose total is wrong.
func WithTotalUsers(f func(n int) int) ServerOption { return func(s *Server) { s.totalUsers = f } }

// WithQuirks makes the fake answer in the loose forms Regpack's pages
// show or leave open, on top of the ids, counts and money as strings it
// always sends: total_users and records_per_page as strings, an empty
// object as PHP's [] (an empty doc or totals), every other get_user_list
// item with flat keys and numeric ids instead of user_info and
// meta_info, a parent's connected_to left out, amounts of 1000 or more
// with a thousands separator ("1,250.00"), and the "not found" answers
// in their other wording ("User does not exist", "Clogin ID not found").
func WithQuirks() ServerOption { return func(s *Server) { s.quirks = true } }
