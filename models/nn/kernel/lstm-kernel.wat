;; An LSTM cell's gates for a batch, forward and backward, with f32x4 SIMD (lstm-kernel.ts drives them; the
;; matrix products are dense-kernel.wat's gemm, on the same memory, which this module imports).
;; Gates are TF.js's: z = x·W + h·U + b split into blocks i, f, c, o of u units each; i, f, o logistic,
;; c and the output tanh. Rows hold 4u floats (z and gates) or u floats (c, tanh c, h), u % 4 = 0.
;; Pointers are in bytes. eˣ is computed inline: x = n·ln2 + r with |r| ≤ ln2/2, eʳ by Cephes's expf
;; polynomial, 2ⁿ by the exponent bits (n rounded by adding 1.5·2²³, whose low mantissa bits are then n);
;; x is clamped to ±87.3 so 2ⁿ stays a normal float (the logistic and tanh saturate well before that), with
;; pmin/pmax: one instruction each, where min/max's NaN rules cost several (a third of the gates' time).
;; Built into lstm-kernel-wasm.ts by scripts/build-wasm.mjs.
(module
  (import "kernel" "memory" (memory 1))

  ;; C[m×n] += A[m×k] · B[k×n], otherwise dense-kernel.wat's gemm: the weight gradients summed step by step
  ;; while each step's gate gradients are still in cache (one product over all steps streams them from memory
  ;; once per block of C).
  (func (export "gemmAcc")
    (param $c i32) (param $a i32) (param $b i32) (param $m i32) (param $n i32) (param $k i32) (param $ars i32) (param $acs i32)
    (local $i i32) (local $j i32) (local $p i32) (local $nb i32) (local $bp i32) (local $cp i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32)
    (local $w0 v128) (local $w1 v128) (local $x v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $cp (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $nb)) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $c00 (v128.load (local.get $cp))) (local.set $c01 (v128.load offset=16 (local.get $cp)))
            (local.set $cp (i32.add (local.get $cp) (local.get $nb)))
            (local.set $c10 (v128.load (local.get $cp))) (local.set $c11 (v128.load offset=16 (local.get $cp)))
            (local.set $cp (i32.add (local.get $cp) (local.get $nb)))
            (local.set $c20 (v128.load (local.get $cp))) (local.set $c21 (v128.load offset=16 (local.get $cp)))
            (local.set $cp (i32.add (local.get $cp) (local.get $nb)))
            (local.set $c30 (v128.load (local.get $cp))) (local.set $c31 (v128.load offset=16 (local.get $cp)))
            (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ars))))
            (local.set $a1 (i32.add (local.get $a0) (local.get $ars)))
            (local.set $a2 (i32.add (local.get $a1) (local.get $ars)))
            (local.set $a3 (i32.add (local.get $a2) (local.get $ars)))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p (local.get $k))
            (block $innerDone
              (loop $inner
                (br_if $innerDone (i32.eqz (local.get $p)))
                (local.set $w0 (v128.load (local.get $bp)))
                (local.set $w1 (v128.load offset=16 (local.get $bp)))
                (local.set $x (v128.load32_splat (local.get $a0)))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $w0))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $w1))))
                (local.set $x (v128.load32_splat (local.get $a1)))
                (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $w0))))
                (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $w1))))
                (local.set $x (v128.load32_splat (local.get $a2)))
                (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $w0))))
                (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $w1))))
                (local.set $x (v128.load32_splat (local.get $a3)))
                (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $w0))))
                (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $w1))))
                (local.set $a0 (i32.add (local.get $a0) (local.get $acs)))
                (local.set $a1 (i32.add (local.get $a1) (local.get $acs)))
                (local.set $a2 (i32.add (local.get $a2) (local.get $acs)))
                (local.set $a3 (i32.add (local.get $a3) (local.get $acs)))
                (local.set $bp (i32.add (local.get $bp) (local.get $nb)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br $inner)))
            (local.set $cp (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $nb)) (i32.shl (local.get $j) (i32.const 2)))))
            (v128.store (local.get $cp) (local.get $c00))
            (v128.store offset=16 (local.get $cp) (local.get $c01))
            (local.set $cp (i32.add (local.get $cp) (local.get $nb)))
            (v128.store (local.get $cp) (local.get $c10))
            (v128.store offset=16 (local.get $cp) (local.get $c11))
            (local.set $cp (i32.add (local.get $cp) (local.get $nb)))
            (v128.store (local.get $cp) (local.get $c20))
            (v128.store offset=16 (local.get $cp) (local.get $c21))
            (local.set $cp (i32.add (local.get $cp) (local.get $nb)))
            (v128.store (local.get $cp) (local.get $c30))
            (v128.store offset=16 (local.get $cp) (local.get $c31))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows))))

  ;; One step for m rows: z = zx + zr + b (zx holds x·W, zr h·U, b the bias; adding it here spares a pass over
  ;; all steps' zx), gates = (σ(zi), σ(zf), tanh(zc), σ(zo)),
  ;; c = f·cPrev + i·g, tc = tanh(c), h = o·tc. `gates` may be `zx` (each value is read before it is written).
  ;; Two passes per row: every gate as 1 / (1 + eᵃ) (a = −z, or −2z for the tanh block, tanh z = 2σ(2z) − 1),
  ;; then the cell; each with one exponential inline.
  (func (export "gatesForward")
    (param $zx i32) (param $zr i32) (param $bias i32) (param $gates i32) (param $cPrev i32) (param $c i32) (param $tc i32) (param $h i32) (param $m i32) (param $u i32)
    (local $row i32) (local $j i32) (local $ub i32) (local $gRow i32) (local $uRow i32) (local $q i32) (local $k i32) (local $gStart i32) (local $gEnd i32)
    (local $a v128) (local $t v128) (local $n v128) (local $r v128) (local $p v128) (local $scale v128) (local $cn v128)
    (local.set $ub (i32.shl (local.get $u) (i32.const 2)))
    (local.set $gStart (i32.shl (local.get $ub) (i32.const 1)))
    (local.set $gEnd (i32.mul (local.get $ub) (i32.const 3)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $m)))
        (local.set $gRow (i32.mul (local.get $row) (i32.shl (local.get $ub) (i32.const 2))))
        (local.set $uRow (i32.mul (local.get $row) (local.get $ub)))
        (local.set $j (i32.const 0))
        (block $gatesDone
          (loop $gate
            (br_if $gatesDone (i32.ge_u (local.get $j) (i32.shl (local.get $ub) (i32.const 2))))
            (local.set $q (i32.add (local.get $gRow) (local.get $j)))
            ;; the tanh block's argument is doubled
            (local.set $scale (select (result v128) (v128.const f32x4 -2 -2 -2 -2) (v128.const f32x4 -1 -1 -1 -1)
              (i32.and (i32.ge_u (local.get $j) (local.get $gStart)) (i32.lt_u (local.get $j) (local.get $gEnd)))))
            (local.set $a (f32x4.mul (local.get $scale) (f32x4.add (f32x4.add (v128.load (i32.add (local.get $zx) (local.get $q))) (v128.load (i32.add (local.get $zr) (local.get $q))))
              (v128.load (i32.add (local.get $bias) (local.get $j))))))
            ;; e^a, inline ($exp's steps): the calls would cost as much as the arithmetic.
            (local.set $a (f32x4.pmin (f32x4.pmax (local.get $a) (v128.const f32x4 -87.3 -87.3 -87.3 -87.3)) (v128.const f32x4 87.3 87.3 87.3 87.3)))
            (local.set $t (f32x4.add (f32x4.mul (local.get $a) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504)) (v128.const f32x4 12582912 12582912 12582912 12582912)))
            (local.set $n (f32x4.sub (local.get $t) (v128.const f32x4 12582912 12582912 12582912 12582912)))
            (local.set $r (f32x4.add (f32x4.sub (local.get $a) (f32x4.mul (local.get $n) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
              (f32x4.mul (local.get $n) (v128.const f32x4 2.12194440e-4 2.12194440e-4 2.12194440e-4 2.12194440e-4))))
            (local.set $p (f32x4.add (f32x4.mul (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4) (local.get $r)) (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
            (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
            (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
            (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
            (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
            (local.set $p (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $p) (local.get $r)) (local.get $r)) (local.get $r)) (v128.const f32x4 1 1 1 1)))
            (local.set $a (f32x4.mul (local.get $p)
              (i32x4.shl (i32x4.add (local.get $t) (v128.const i32x4 127 127 127 127)) (i32.const 23))))
            (local.set $a (f32x4.div (v128.const f32x4 1 1 1 1) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $a))))
            ;; σ(2z) → 2σ(2z) − 1 in the tanh block (scale −2 → factor 2, offset −1; scale −1 → 1, 0)
            (local.set $a (f32x4.add (f32x4.mul (local.get $a) (f32x4.neg (local.get $scale))) (f32x4.add (local.get $scale) (v128.const f32x4 1 1 1 1))))
            (v128.store (i32.add (local.get $gates) (local.get $q)) (local.get $a))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $gate)))
        (local.set $j (i32.const 0))
        (block $cellsDone
          (loop $cell
            (br_if $cellsDone (i32.ge_u (local.get $j) (local.get $ub)))
            (local.set $q (i32.add (local.get $gRow) (local.get $j)))
            (local.set $k (i32.add (local.get $uRow) (local.get $j)))
            ;; c = f·cPrev + i·g
            (local.set $cn (f32x4.add
              (f32x4.mul (v128.load (i32.add (local.get $gates) (i32.add (local.get $q) (local.get $ub)))) (v128.load (i32.add (local.get $cPrev) (local.get $k))))
              (f32x4.mul (v128.load (i32.add (local.get $gates) (local.get $q))) (v128.load (i32.add (local.get $gates) (i32.add (local.get $q) (local.get $gStart)))))))
            (v128.store (i32.add (local.get $c) (local.get $k)) (local.get $cn))
            (local.set $a (f32x4.mul (local.get $cn) (v128.const f32x4 -2 -2 -2 -2)))
            ;; e^a, inline ($exp's steps): the calls would cost as much as the arithmetic.
            (local.set $a (f32x4.pmin (f32x4.pmax (local.get $a) (v128.const f32x4 -87.3 -87.3 -87.3 -87.3)) (v128.const f32x4 87.3 87.3 87.3 87.3)))
            (local.set $t (f32x4.add (f32x4.mul (local.get $a) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504)) (v128.const f32x4 12582912 12582912 12582912 12582912)))
            (local.set $n (f32x4.sub (local.get $t) (v128.const f32x4 12582912 12582912 12582912 12582912)))
            (local.set $r (f32x4.add (f32x4.sub (local.get $a) (f32x4.mul (local.get $n) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
              (f32x4.mul (local.get $n) (v128.const f32x4 2.12194440e-4 2.12194440e-4 2.12194440e-4 2.12194440e-4))))
            (local.set $p (f32x4.add (f32x4.mul (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4) (local.get $r)) (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
            (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
            (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
            (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
            (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
            (local.set $p (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $p) (local.get $r)) (local.get $r)) (local.get $r)) (v128.const f32x4 1 1 1 1)))
            (local.set $a (f32x4.mul (local.get $p)
              (i32x4.shl (i32x4.add (local.get $t) (v128.const i32x4 127 127 127 127)) (i32.const 23))))
            ;; tanh c = 2 / (1 + e⁻²ᶜ) − 1
            (local.set $a (f32x4.sub (f32x4.div (v128.const f32x4 2 2 2 2) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $a))) (v128.const f32x4 1 1 1 1)))
            (v128.store (i32.add (local.get $tc) (local.get $k)) (local.get $a))
            (v128.store (i32.add (local.get $h) (local.get $k))
              (f32x4.mul (v128.load (i32.add (local.get $gates) (i32.add (local.get $q) (local.get $gEnd)))) (local.get $a)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $cell)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
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
