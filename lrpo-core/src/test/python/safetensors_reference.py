"""An independent safetensors reader and writer (json + struct + numpy), and a torch check.

Debian ships no python3-safetensors, so this follows the format as specified in the
huggingface/safetensors README instead: 8-byte little-endian header length N, N bytes of JSON
({name: {dtype, shape, data_offsets}}, optional "__metadata__" of string -> string), then the
tensors' little-endian bytes; the reference writer pads the header with spaces to a multiple of 8
and orders tensors by dtype then name.

  safetensors_reference.py read PATH   -> JSON {header_length, metadata, tensors: {name: {shape, offsets, values}}}
                                          after checking the layout and turning each tensor into a torch tensor
  safetensors_reference.py write PATH  <- JSON {metadata, tensors: [{name, shape, values}]} on stdin
"""
import json
import struct
import sys

import numpy as np
import torch


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    assert n % 8 == 0, "header length %d is not a multiple of 8" % n
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    buf = data[8 + n:]
    covered = 0
    tensors = {}
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        assert info["dtype"] == "F32", name
        begin, end = info["data_offsets"]
        assert begin == covered, "%s starts at %d, expected %d" % (name, begin, covered)
        arr = np.frombuffer(buf[begin:end], dtype="<f4").reshape(info["shape"])
        t = torch.from_numpy(arr.copy())
        assert list(t.shape) == info["shape"] and t.dtype == torch.float32
        tensors[name] = {"shape": list(t.shape), "offsets": [begin, end],
                         "values": [float(x) for x in t.flatten().tolist()]}
        covered = end
    assert covered == len(buf), "data section has %d bytes, tensors cover %d" % (len(buf), covered)
    return {"header_length": n, "metadata": metadata, "tensors": tensors}


def write(path, req):
    tensors = sorted(req["tensors"], key=lambda t: t["name"])
    header = {}
    if req.get("metadata"):
        header["__metadata__"] = req["metadata"]
    blobs = []
    offset = 0
    for t in tensors:
        blob = np.asarray(t["values"], dtype=np.float64).astype("<f4").tobytes()
        header[t["name"]] = {"dtype": "F32", "shape": t["shape"], "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    return {"header_length": len(text), "bytes": 8 + len(text) + offset}


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "read":
        out = read(path)
    elif mode == "write":
        out = write(path, json.load(sys.stdin))
    else:
        raise SystemExit("unknown mode " + mode)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
