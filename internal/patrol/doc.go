// Package patrol holds QR check points, patrol records and patrol coverage
// (issue 3, part 5).
//
// A check point is a place with an unguessable token; its QR code encodes
// the URL /qr/{token}. Scanning it while logged in records a patrol: who
// (account and linked person), where, when, and the day in the school's
// time zone. A client id makes recording idempotent.
//
// Coverage compares, per grid and per day, how many of the grid's patrolled
// places met their daily target (GB/T 29315-2022: key areas at least five
// times a day). A place counts when it is active, belongs directly to the
// grid (grid_places), has an active check point and a target above zero: a
// place without a check point cannot be patrolled through this system, so
// it is reported as "not yet pointed" instead of as a permanent failure.
package patrol
