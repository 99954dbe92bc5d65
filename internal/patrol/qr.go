package patrol

import (
	qrcode "github.com/skip2/go-qrcode"
)

// QRPNG renders url as a QR code PNG of size × size pixels. Medium error
// correction survives a scuffed label on a door frame.
func QRPNG(url string, size int) ([]byte, error) {
	return qrcode.Encode(url, qrcode.Medium, size)
}
