package report

// blocks is an append-only sequence kept in fixed-size blocks: past the
// first block, growing it never copies what it holds, so a log of millions
// of entries makes no garbage and no doubling spikes of memory. The first
// block grows as a slice does, so a small accumulator (a shard, a team's
// report) does not pay for a full block.
type blocks[T any] struct {
	b [][]T
	n int
}

const blockBits = 14

func (s *blocks[T]) append(v T) {
	if s.n>>blockBits == len(s.b) {
		var room []T // the first block: append grows it
		if len(s.b) > 0 {
			room = make([]T, 0, 1<<blockBits)
		}
		s.b = append(s.b, room)
	}
	last := &s.b[len(s.b)-1]
	*last = append(*last, v)
	s.n++
}

func (s *blocks[T]) at(i int) T { return s.b[i>>blockBits][i&(1<<blockBits-1)] }

// idArena stores strings (incident IDs) back to back in 64 KiB blocks,
// each prefixed with its length; a string never spans two blocks, so it is
// found by one 32-bit offset.
type idArena struct {
	b [][]byte
}

// MaxIDLength is the longest incident ID a Record may have, in bytes.
const MaxIDLength = 1024

const arenaBlock = 1 << 16

// noID is the offset of an ID that did not fit: no real offset, since a
// string needs two bytes and the last block's last byte cannot hold them.
const noID = 1<<32 - 1

func (a *idArena) store(id string) uint32 { return storeID(a, id) }

// storeBytes is store for an ID read from another arena, without
// converting it to a string.
func (a *idArena) storeBytes(id []byte) uint32 { return storeID(a, id) }

func storeID[S string | []byte](a *idArena, id S) uint32 {
	need := len(id) + 2
	if len(a.b) == 0 || len(a.b[len(a.b)-1])+need > arenaBlock {
		if len(a.b) == 1<<16 {
			return noID // 4 GiB of IDs: keep counting, stop naming
		}
		var room []byte // the first block: append grows it, as for blocks
		if len(a.b) > 0 {
			room = make([]byte, 0, arenaBlock)
		}
		a.b = append(a.b, room)
	}
	k := len(a.b) - 1
	blk := a.b[k]
	off := uint32(k)<<16 | uint32(len(blk))
	blk = append(blk, byte(len(id)>>8), byte(len(id)))
	a.b[k] = append(blk, id...)
	return off
}

func (a *idArena) get(off uint32) []byte {
	if off == noID {
		return nil
	}
	blk := a.b[off>>16]
	p := int(off & 0xffff)
	n := int(blk[p])<<8 | int(blk[p+1])
	return blk[p+2 : p+2+n]
}
