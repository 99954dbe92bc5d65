// Package photo turns an uploaded file into a safe stored photo: the bytes
// are sniffed (the file name means nothing), size and pixel limits are
// checked before the full decode, the image is turned upright, shrunk and
// re-encoded as JPEG (which drops EXIF, GPS and anything smuggled in), and
// the file is written and fsynced under a server-made name before the
// database row that points at it commits. Who may see a photo is decided by
// its owner record, never here: an unguessable name is not access control.
package photo
