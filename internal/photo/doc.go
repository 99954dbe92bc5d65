// Package photo turns an uploaded file into a safe stored photo: the bytes
// are sniffed (the file name means nothing), size and pixel limits are
// checked before the full decode, the image is turned upright, shrunk and
// re-encoded as JPEG (which drops EXIF, GPS and anything smuggled in), and
// the file is written and fsynced under a server-made name before the
// database row that points at it commits. Who may see a photo is decided by
// its owner record, never here: an unguessable name is not access control.
//
// A JPEG already upright and within MaxSide (what the browsers send after
// shrinking it) is not re-encoded: its marker structure is checked and only
// the segments decoding needs are kept (strip.go). Decoding and re-encoding
// it cost ≈ 65 ms of CPU per photo and only lost quality (decision 0027).
package photo
