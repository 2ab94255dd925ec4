package upload

import (
	"encoding/binary"
	"errors"
	"io"
	"unicode/utf16"
)

// cfbMagic opens every OLE compound file (Word 97–2003 .doc, Excel 97–2003 .xls, and
// also .msg, .msi and other containers we do not accept).
var cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// cfbMaxScan bounds how much of a compound file is read for its directory entries.
const cfbMaxScan = 64 << 20

// sniffCFB tells a Word from an Excel 97–2003 file by the streams its directory names
// ("WordDocument"; "Workbook" or "Book") and refuses one that carries macros (a "Macros"
// or "_VBA_PROJECT_CUR" storage, or a "VBA" one). Directory entries are 128 bytes, each
// aligned on 128 bytes of the file after the 512-byte header, with the name in UTF-16LE
// and its byte length (terminator included) at offset 64 and the entry type at 66 — so
// the file is read once, in pieces, without building its sector chains.
func sniffCFB(r io.ReaderAt, size int64) (Kind, error) {
	var word, excel, macro bool
	buf := make([]byte, 128*512)
	end := min(size, cfbMaxScan)
	for off := int64(512); off < end; off += int64(len(buf)) {
		n, err := r.ReadAt(buf, off)
		if err != nil && !errors.Is(err, io.EOF) {
			return "", err
		}
		for i := 0; i+128 <= n; i += 128 {
			switch entryName(buf[i : i+128]) {
			case "WordDocument":
				word = true
			case "Workbook", "Book":
				excel = true
			case "Macros", "_VBA_PROJECT_CUR", "VBA", "_VBA_PROJECT":
				macro = true
			}
		}
		if n < len(buf) {
			break
		}
	}
	switch {
	case macro && (word || excel):
		return "", &Error{Reason: Macro}
	case word && !excel:
		return DOC, nil
	case excel && !word:
		return XLS, nil
	}
	return "", &Error{Reason: Unknown}
}

// entryName reads a directory entry's name, or "" when the bytes are not a plausible entry
// (storage 1, stream 2 or root 5; a name length that is even, 4..64, and ends in a NUL).
func entryName(e []byte) string {
	nameLen := int(binary.LittleEndian.Uint16(e[64:66]))
	typ := e[66]
	if typ != 1 && typ != 2 && typ != 5 || nameLen < 4 || nameLen > 64 || nameLen%2 != 0 {
		return ""
	}
	u := make([]uint16, nameLen/2-1)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(e[2*i:])
	}
	if binary.LittleEndian.Uint16(e[nameLen-2:]) != 0 {
		return ""
	}
	return string(utf16.Decode(u))
}
