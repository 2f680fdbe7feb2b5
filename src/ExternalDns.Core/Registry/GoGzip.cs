using System.Buffers.Binary;
using System.IO.Compression;

namespace ExternalDns.Core.Registry;

/// <summary>
/// Gzip framing as Go's <c>compress/gzip</c> writes it at <c>BestCompression</c>: the 10-byte header
/// <c>1f 8b 08 00 00000000 02 ff</c> (no name, no mtime, XFL 2, OS unknown), a raw deflate stream and the
/// CRC-32/size trailer. The deflate body comes from .NET's compressor, so it is not byte-identical to Go's
/// (see <see cref="TxtEncryption"/>); any gzip reader, Go's included, decodes it.
/// </summary>
internal static class GoGzip
{
    /// <summary>Decompressed TXT values are a few hundred bytes; this bounds a hostile stream.</summary>
    private const int MaxDecompressedBytes = 64 * 1024;

    private static readonly byte[] Header = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0xff];

    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        output.Write(Header);
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(data);
        }

        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32(data));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)data.Length));
        output.Write(trailer);
        return output.ToArray();
    }

    /// <summary>Decompresses a gzip stream; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static byte[] Decompress(byte[] data)
    {
        if (data.Length < 18 || data[0] != 0x1f || data[1] != 0x8b)
        {
            throw new InvalidDataException("not a gzip stream");
        }

        using var input = new MemoryStream(data, writable: false);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (output.Length + read > MaxDecompressedBytes)
            {
                throw new InvalidDataException("decompressed TXT value too large");
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xffffffffu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xff] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xedb88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
