#!/usr/bin/python3
"""Independent check of the pinned TensorBoard counts: parses TFRecord framing and the Event/Summary protobuf
wire format by hand (struct only, no tensorflow/tensorboard/protobuf), and prints, per event file, the records,
the events with a summary, and per tag: kind, points, first and last step.

    /usr/bin/python3 tfevents_counts.py FILE_OR_FOLDER...
"""
import os, struct, sys

def varint(b, i):
    v = s = 0
    while True:
        c = b[i]; i += 1
        v |= (c & 0x7F) << s; s += 7
        if c < 0x80:
            return v, i

def fields(b):
    i = 0
    while i < len(b):
        key, i = varint(b, i)
        n, w = key >> 3, key & 7
        if w == 0:
            v, i = varint(b, i)
        elif w == 1:
            v = b[i:i + 8]; i += 8
        elif w == 5:
            v = b[i:i + 4]; i += 4
        elif w == 2:
            ln, i = varint(b, i); v = b[i:i + ln]; i += ln
        else:
            raise ValueError('wire type %d' % w)
        yield n, w, v

def records(path):
    data = open(path, 'rb').read()
    i = 0
    while i + 12 <= len(data):
        (n,) = struct.unpack_from('<Q', data, i)
        if i + 12 + n + 4 > len(data):
            print('  truncated record at', i); return
        yield i, data[i + 12:i + 12 + n]
        i += 12 + n + 4

def kind(value_fields):
    names = {2: 'simple', 3: 'old-histo', 4: 'image', 5: 'histo', 6: 'audio', 8: 'tensor'}
    for n, _, _ in value_fields:
        if n in names:
            return names[n]
    return '?'

def main(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, f) for f in names if f.startswith('events.out.tfevents')]
        else:
            files.append(p)
    for path in sorted(files):
        n = summaries = 0
        tags = {}
        for offset, data in records(path):
            n += 1
            step = 0
            values = []
            for num, w, v in fields(data):
                if num == 2:
                    step = v - (1 << 64) if v >= 1 << 63 else v
                elif num == 5:
                    values = [list(fields(val)) for k, _, val in fields(v) if k == 1]
            if values:
                summaries += 1
            for vf in values:
                tag = next((v.decode() for k, _, v in vf if k == 1), '')
                t = tags.setdefault(tag, [kind(vf), 0, step, step])
                t[1] += 1; t[3] = step
        print('%s: %d records, %d summary events' % (path, n, summaries))
        for tag in sorted(tags):
            k, count, first, last = tags[tag]
            print('  %-45s %-7s %5d  %d..%d' % (tag, k, count, first, last))

main(sys.argv[1:])
