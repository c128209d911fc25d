using System.Buffers.Binary;
using System.Globalization;

namespace RunLens.Formats.Wandb;

/// <summary>The LevelDB log framing of a <c>.wandb</c> file: 32 KiB blocks of CRC-checked chunks that join into records.</summary>
internal sealed partial class WandbLogReader
{
    /// <summary>
    /// The next whole record of any type, for <see cref="WandbRunLog"/> (which reads the run, config, summary,
    /// metric and exit records the history reader passes over); see <see cref="NextRecord"/>.
    /// </summary>
    internal bool NextRawRecord(out byte[] data, out int start, out int length, out long offset) =>
        NextRecord(out data, out start, out length, out offset);

    /// <summary>
    /// The next whole record's bytes (<paramref name="data"/> from <paramref name="start"/>, valid until the next call)
    /// and the offset of its first chunk. False at the end of the file.
    /// </summary>
    private bool NextRecord(out byte[] data, out int start, out int length, out long offset)
    {
        (data, start, length, offset) = ([], 0, 0, 0);
        if (!_headerRead && !ReadHeader())
            return false;
        while (!_done)
        {
            if (_blockLength - _position < HeaderSize)
            {
                if (_blockLength < BlockSize)
                {
                    // Following: more of the block may have been written since; none yet is not the end.
                    if (TopUp())
                        continue;
                    if (Following)
                        return false;
                    // The last, partial block: its end is the file's end.
                    var rest = _block.AsSpan(_position, _blockLength - _position);
                    if (_recordOffset >= 0 || rest.ContainsAnyExcept((byte)0))
                        Truncated(_recordOffset >= 0 ? _recordOffset : _blockOffset + _position);
                    _done = true;
                    return false;
                }
                NextBlock();
                continue;
            }
            var chunkOffset = _blockOffset + _position;
            var header = _block.AsSpan(_position, HeaderSize);
            var checksum = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
            var type = header[6];
            if (checksum == 0 && size == 0 && type == 0)
            {
                // A zeroed rest of block (preallocated or padded): nothing more in this block.
                Broken(chunkOffset, "zero bytes where a chunk was expected", skipBlock: true, report: _recordOffset >= 0);
                continue;
            }
            if (_position + HeaderSize + size > _blockLength)
            {
                if (_blockLength < BlockSize)
                {
                    if (TopUp())
                        continue;
                    if (Following)
                        return false;
                    Truncated(_recordOffset >= 0 ? _recordOffset : chunkOffset);
                    _done = true;
                    return false;
                }
                Broken(chunkOffset, FormattableString.Invariant($"a chunk of {size} bytes does not fit in its block"), skipBlock: true, report: true);
                continue;
            }
            var payload = _block.AsSpan(_position + HeaderSize, size);
            if (Crc32Ieee.OfChunk(type, payload) != checksum)
            {
                Broken(chunkOffset, "a chunk's checksum does not match its data (the file is damaged)", skipBlock: true, report: true);
                continue;
            }
            var payloadStart = _position + HeaderSize;
            _position += HeaderSize + size;
            switch (type)
            {
                case Full:
                    DropPartial(chunkOffset);
                    _recovering = false;
                    (data, start, length, offset) = (_block, payloadStart, size, chunkOffset);
                    return true;
                case First:
                    DropPartial(chunkOffset);
                    _recovering = false;
                    _recordOffset = chunkOffset;
                    _recordLength = 0;
                    Append(payload);
                    break;
                case Middle or Last when _recordOffset < 0:
                    if (!_recovering)
                        Broken(chunkOffset, "a continuation chunk without the chunk that starts its record", skipBlock: false, report: true);
                    break;
                case Middle:
                    Append(payload);
                    break;
                case Last:
                    Append(payload);
                    (data, start, length, offset) = (_record, 0, _recordLength, _recordOffset);
                    _recordOffset = -1;
                    return true;
                default:
                    Broken(chunkOffset, FormattableString.Invariant($"a chunk of unknown type {type}"), skipBlock: true, report: true);
                    break;
            }
        }
        return false;
    }

    private void Append(ReadOnlySpan<byte> payload)
    {
        if (_recordLength + payload.Length > _record.Length)
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + payload.Length));
        payload.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += payload.Length;
    }

    /// <summary>A record whose LAST chunk never came before a new record started: reported, dropped.</summary>
    private void DropPartial(long at)
    {
        if (_recordOffset < 0)
            return;
        _issues.Add(new LoadIssue(_path, _recordOffset, null, string.Create(CultureInfo.InvariantCulture,
            $"a record's chunks end without its last chunk (a new record starts at byte {at}); record skipped")), "broken W&B record");
        _recordOffset = -1;
    }

    /// <summary>Reports damage, drops the record being joined and, for a bad chunk, resumes at the next block.</summary>
    private void Broken(long at, string what, bool skipBlock, bool report)
    {
        if (report)
        {
            _issues.Add(new LoadIssue(_path, at, null, skipBlock
                ? $"{what}; reading resumes at the next 32 KiB block (byte {_blockOffset + BlockSize})"
                : $"{what}; chunk skipped"), "broken W&B record");
        }
        _recordOffset = -1;
        _recovering = true;
        if (skipBlock)
            _position = _blockLength < BlockSize ? _blockLength : BlockSize;
    }

    private void Truncated(long at)
    {
        _issues.Add(new LoadIssue(_path, at, null,
            "the last record is cut off; the run may still be writing, or was killed. Every record before it loaded"), "truncated");
        _recordOffset = -1;
    }

    private void NextBlock()
    {
        _blockOffset += _blockLength;
        _blockLength = ReadBlock();
        _position = 0;
        if (_blockLength > 0 || Following)
            return;
        if (_recordOffset >= 0)
            Truncated(_recordOffset);
        _done = true;
    }

    /// <summary>While following: reads what was appended to the current, partial block. True when bytes came.</summary>
    private bool TopUp()
    {
        if (!Following || _blockLength == BlockSize)
            return false;
        try
        {
            var read = _file.Read(_block, _blockLength, BlockSize - _blockLength);
            _blockLength += read;
            return read > 0;
        }
        catch (IOException)
        {
            // Reported as a full read reports it, once the file is no longer followed.
            return false;
        }
    }

    private int ReadBlock()
    {
        try
        {
            return _file.ReadAtLeast(_block, BlockSize, throwOnEndOfStream: false);
        }
        catch (IOException ex)
        {
            _issues.Add(new LoadIssue(_path, _file.Position, null, $"cannot read further: {ex.Message}; the records before it loaded"), "unreadable data");
            return 0;
        }
    }
}
