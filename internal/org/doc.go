// Package org is the school's organisation: schools and the authorities
// over them, campuses, units (系部、处室、校区), people, places, grids, the
// campaign leading group and contact points (ORG-1..6, RUL-2).
//
// Every service method takes the actor, decides with auth.Can, and writes
// the change and its audit entry in one transaction. Records of another
// school answer "not found", never the row.
package org
