// Package inspection records inspections: drafts kept while a phone is
// offline or half done, the one-transaction submission (answers with the
// question texts as they were, a finding per failed question, photos
// linked, the due inspection it fulfils marked, an audit entry) made
// idempotent by a client-generated id, and who may read what.
//
// Findings are the seam to hazards: each keeps the item, place, unit,
// level and note of its failed answer and a hazard_id column the hazard
// service fills when it takes the finding over.
package inspection
