;; An LSTM cell's gates for a batch, forward and backward, with f32x4 SIMD (lstm-kernel.ts drives them; the
;; matrix products are dense-kernel.wat's gemm, on the same memory, which this module imports).
;; Gates are TF.js's: z = x·W + h·U + b split into blocks i, f, c, o of u units each; i, f, o logistic,
;; c and the output tanh. Rows hold 4u floats (z and gates) or u floats (c, tanh c, h), u % 4 = 0.
;; Pointers are in bytes. Built into lstm-kernel-wasm.ts by scripts/build-wasm.mjs.
(module
  (import "kernel" "memory" (memory 1))

  ;; eˣ: x = n·ln2 + r with |r| ≤ ln2/2, eʳ by Cephes's expf polynomial, 2ⁿ by the exponent bits; x is
  ;; clamped to ±87.3 so 2ⁿ stays a normal float (the logistic and tanh saturate well before that).
  (func $exp (param $x v128) (result v128)
    (local $n v128) (local $r v128) (local $p v128)
    (local.set $x (f32x4.min (f32x4.max (local.get $x) (v128.const f32x4 -87.3 -87.3 -87.3 -87.3)) (v128.const f32x4 87.3 87.3 87.3 87.3)))
    (local.set $n (f32x4.nearest (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))))
    (local.set $r (f32x4.sub (local.get $x) (f32x4.mul (local.get $n) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375))))
    (local.set $r (f32x4.add (local.get $r) (f32x4.mul (local.get $n) (v128.const f32x4 2.12194440e-4 2.12194440e-4 2.12194440e-4 2.12194440e-4))))
    (local.set $p (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
    (local.set $p (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $p) (local.get $r)) (local.get $r)) (local.get $r)) (v128.const f32x4 1 1 1 1)))
    (f32x4.mul (local.get $p)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (v128.const i32x4 127 127 127 127)) (i32.const 23))))

  ;; 1 / (1 + e⁻ᶻ)
  (func $sigmoid (param $z v128) (result v128)
    (f32x4.div (v128.const f32x4 1 1 1 1)
      (f32x4.add (v128.const f32x4 1 1 1 1) (call $exp (f32x4.neg (local.get $z))))))

  ;; 1 − 2 / (e²ᶻ + 1)
  (func $tanh (param $z v128) (result v128)
    (f32x4.sub (v128.const f32x4 1 1 1 1)
      (f32x4.div (v128.const f32x4 2 2 2 2)
        (f32x4.add (call $exp (f32x4.add (local.get $z) (local.get $z))) (v128.const f32x4 1 1 1 1)))))

  ;; Exported for the tests: out[i] = sigmoid(x[i]) and tanh(x[i]) over `count` floats (count % 4 = 0).
  (func (export "sigmoidTanh") (param $x i32) (param $sig i32) (param $th i32) (param $count i32)
    (local $o i32) (local $end i32)
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (i32.add (local.get $sig) (local.get $o)) (call $sigmoid (v128.load (i32.add (local.get $x) (local.get $o)))))
        (v128.store (i32.add (local.get $th) (local.get $o)) (call $tanh (v128.load (i32.add (local.get $x) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $each))))

  ;; One step for m rows: z = zx + zr (zx holds x·W + b; zr h·U), gates = (σ(zi), σ(zf), tanh(zc), σ(zo)),
  ;; c = f·cPrev + i·g, tc = tanh(c), h = o·tc. `gates` may be `zx` (each value is read before it is written).
  (func (export "gatesForward")
    (param $zx i32) (param $zr i32) (param $gates i32) (param $cPrev i32) (param $c i32) (param $tc i32) (param $h i32) (param $m i32) (param $u i32)
    (local $r i32) (local $j i32) (local $ub i32) (local $gRow i32) (local $uRow i32) (local $q i32) (local $k i32)
    (local $i v128) (local $f v128) (local $g v128) (local $o v128) (local $cn v128) (local $t v128)
    (local.set $ub (i32.shl (local.get $u) (i32.const 2)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $m)))
        (local.set $gRow (i32.mul (local.get $r) (i32.shl (local.get $ub) (i32.const 2))))
        (local.set $uRow (i32.mul (local.get $r) (local.get $ub)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $ub)))
            (local.set $q (i32.add (local.get $gRow) (local.get $j)))
            (local.set $i (call $sigmoid (f32x4.add (v128.load (i32.add (local.get $zx) (local.get $q))) (v128.load (i32.add (local.get $zr) (local.get $q))))))
            (local.set $q (i32.add (local.get $q) (local.get $ub)))
            (local.set $f (call $sigmoid (f32x4.add (v128.load (i32.add (local.get $zx) (local.get $q))) (v128.load (i32.add (local.get $zr) (local.get $q))))))
            (local.set $q (i32.add (local.get $q) (local.get $ub)))
            (local.set $g (call $tanh (f32x4.add (v128.load (i32.add (local.get $zx) (local.get $q))) (v128.load (i32.add (local.get $zr) (local.get $q))))))
            (local.set $q (i32.add (local.get $q) (local.get $ub)))
            (local.set $o (call $sigmoid (f32x4.add (v128.load (i32.add (local.get $zx) (local.get $q))) (v128.load (i32.add (local.get $zr) (local.get $q))))))
            (local.set $q (i32.add (local.get $gRow) (local.get $j)))
            (v128.store (i32.add (local.get $gates) (local.get $q)) (local.get $i))
            (local.set $q (i32.add (local.get $q) (local.get $ub)))
            (v128.store (i32.add (local.get $gates) (local.get $q)) (local.get $f))
            (local.set $q (i32.add (local.get $q) (local.get $ub)))
            (v128.store (i32.add (local.get $gates) (local.get $q)) (local.get $g))
            (local.set $q (i32.add (local.get $q) (local.get $ub)))
            (v128.store (i32.add (local.get $gates) (local.get $q)) (local.get $o))
            (local.set $k (i32.add (local.get $uRow) (local.get $j)))
            (local.set $cn (f32x4.add (f32x4.mul (local.get $f) (v128.load (i32.add (local.get $cPrev) (local.get $k)))) (f32x4.mul (local.get $i) (local.get $g))))
            (local.set $t (call $tanh (local.get $cn)))
            (v128.store (i32.add (local.get $c) (local.get $k)) (local.get $cn))
            (v128.store (i32.add (local.get $tc) (local.get $k)) (local.get $t))
            (v128.store (i32.add (local.get $h) (local.get $k)) (f32x4.mul (local.get $o) (local.get $t)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $cols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))

  ;; One step back for m rows: dh = dhr + dhIn (from the next step and from above), dc carries the cell's
  ;; gradient from the next step and leaves with the previous step's (dc·f). Writes dz = ∂loss/∂z over the
  ;; gate blocks; `dz` may be `gates` (all four gates are read before any is written).
  (func (export "gatesBackward")
    (param $dhr i32) (param $dhIn i32) (param $dc i32) (param $gates i32) (param $cPrev i32) (param $tc i32) (param $dz i32) (param $m i32) (param $u i32)
    (local $r i32) (local $j i32) (local $ub i32) (local $gRow i32) (local $q i32) (local $k i32)
    (local $i v128) (local $f v128) (local $g v128) (local $o v128) (local $t v128) (local $dh v128) (local $dcv v128)
    (local.set $ub (i32.shl (local.get $u) (i32.const 2)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $m)))
        (local.set $gRow (i32.mul (local.get $r) (i32.shl (local.get $ub) (i32.const 2))))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $ub)))
            (local.set $q (i32.add (local.get $gRow) (local.get $j)))
            (local.set $i (v128.load (i32.add (local.get $gates) (local.get $q))))
            (local.set $f (v128.load (i32.add (local.get $gates) (i32.add (local.get $q) (local.get $ub)))))
            (local.set $g (v128.load (i32.add (local.get $gates) (i32.add (local.get $q) (i32.shl (local.get $ub) (i32.const 1))))))
            (local.set $o (v128.load (i32.add (local.get $gates) (i32.add (local.get $q) (i32.mul (local.get $ub) (i32.const 3))))))
            (local.set $k (i32.add (i32.mul (local.get $r) (local.get $ub)) (local.get $j)))
            (local.set $t (v128.load (i32.add (local.get $tc) (local.get $k))))
            (local.set $dh (f32x4.add (v128.load (i32.add (local.get $dhr) (local.get $k))) (v128.load (i32.add (local.get $dhIn) (local.get $k)))))
            ;; dc += dh·o·(1 − tanh²c)
            (local.set $dcv (f32x4.add (v128.load (i32.add (local.get $dc) (local.get $k)))
              (f32x4.mul (f32x4.mul (local.get $dh) (local.get $o)) (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $t) (local.get $t))))))
            ;; dzi = dc·g·i(1 − i)
            (v128.store (i32.add (local.get $dz) (local.get $q))
              (f32x4.mul (f32x4.mul (local.get $dcv) (local.get $g)) (f32x4.mul (local.get $i) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $i)))))
            ;; dzf = dc·cPrev·f(1 − f)
            (v128.store (i32.add (local.get $dz) (i32.add (local.get $q) (local.get $ub)))
              (f32x4.mul (f32x4.mul (local.get $dcv) (v128.load (i32.add (local.get $cPrev) (local.get $k))))
                (f32x4.mul (local.get $f) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $f)))))
            ;; dzc = dc·i·(1 − g²)
            (v128.store (i32.add (local.get $dz) (i32.add (local.get $q) (i32.shl (local.get $ub) (i32.const 1))))
              (f32x4.mul (f32x4.mul (local.get $dcv) (local.get $i)) (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $g) (local.get $g)))))
            ;; dzo = dh·tanh c·o(1 − o)
            (v128.store (i32.add (local.get $dz) (i32.add (local.get $q) (i32.mul (local.get $ub) (i32.const 3))))
              (f32x4.mul (f32x4.mul (local.get $dh) (local.get $t)) (f32x4.mul (local.get $o) (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $o)))))
            (v128.store (i32.add (local.get $dc) (local.get $k)) (f32x4.mul (local.get $dcv) (local.get $f)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $cols)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))
)
