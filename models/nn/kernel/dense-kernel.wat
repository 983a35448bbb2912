;; Dense networks' training steps with f32x4 SIMD (dense-kernel.ts drives them): a matrix product,
;; bias + ReLU, ReLU's gradient, an elementwise product (dropout), column sums, a transpose and AdamW. Every matrix is row-major float32
;; with its rows padded to a multiple of 8 floats and its row count (the batch) to a multiple of 4; the
;; padding holds zeros, which the products and updates keep at zero. Pointers and strides are in bytes.
;; Built into dense-kernel-wasm.ts by scripts/build-wasm.mjs; a test checks that file matches this source.
(module
  (memory (export "memory") 1)

  ;; C[m×n] = A[m×k] · B[k×n]; A's element (i, p) is at a + i·ars + p·acs (so A may be read transposed),
  ;; B and C are dense (row stride 4n). m % 4 = 0, n % 8 = 0. Blocks of 4 rows × 8 columns in registers.
  (func (export "gemm")
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
            (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
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

  ;; Z[m×n] += bias (each row); A = max(Z, 0) when relu ≠ 0, else A = Z. n % 4 = 0.
  (func (export "biasAct") (param $z i32) (param $act i32) (param $bias i32) (param $m i32) (param $n i32) (param $relu i32)
    (local $i i32) (local $j i32) (local $nb i32) (local $v v128)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $nb)))
            (local.set $v (f32x4.add (v128.load (i32.add (local.get $z) (local.get $j))) (v128.load (i32.add (local.get $bias) (local.get $j)))))
            (v128.store (i32.add (local.get $z) (local.get $j)) (local.get $v))
            (v128.store (i32.add (local.get $act) (local.get $j))
              (select (result v128) (f32x4.max (local.get $v) (v128.const i32x4 0 0 0 0)) (local.get $v) (local.get $relu)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $cols)))
        (local.set $z (i32.add (local.get $z) (local.get $nb)))
        (local.set $act (i32.add (local.get $act) (local.get $nb)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; dZ = dA where Z > 0, else 0, over `count` floats (count % 4 = 0); dZ may be dA.
  (func (export "reluGrad") (param $dz i32) (param $da i32) (param $z i32) (param $count i32)
    (local $o i32) (local $end i32)
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (i32.add (local.get $dz) (local.get $o))
          (v128.and (v128.load (i32.add (local.get $da) (local.get $o)))
            (f32x4.gt (v128.load (i32.add (local.get $z) (local.get $o))) (v128.const i32x4 0 0 0 0))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $each))))

  ;; D = A ⊙ B over `count` floats (count % 4 = 0): dropout's multipliers, forward and backward; D may be A.
  (func (export "mul") (param $d i32) (param $a i32) (param $b i32) (param $count i32)
    (local $o i32) (local $end i32)
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store (i32.add (local.get $d) (local.get $o))
          (f32x4.mul (v128.load (i32.add (local.get $a) (local.get $o))) (v128.load (i32.add (local.get $b) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $each))))

  ;; out[n] = the sums of the m rows of D[m×n] (n % 4 = 0).
  (func (export "colSum") (param $out i32) (param $d i32) (param $m i32) (param $n i32)
    (local $i i32) (local $j i32) (local $nb i32) (local $row i32)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (block $colsDone
      (loop $cols
        (br_if $colsDone (i32.ge_u (local.get $j) (local.get $nb)))
        (v128.store (i32.add (local.get $out) (local.get $j)) (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $cols)))
    (local.set $row (local.get $d))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $done
          (loop $each
            (br_if $done (i32.ge_u (local.get $j) (local.get $nb)))
            (v128.store (i32.add (local.get $out) (local.get $j))
              (f32x4.add (v128.load (i32.add (local.get $out) (local.get $j))) (v128.load (i32.add (local.get $row) (local.get $j)))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $each)))
        (local.set $row (i32.add (local.get $row) (local.get $nb)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; T[c×r] = S[r×c]ᵀ.
  (func (export "transpose") (param $t i32) (param $s i32) (param $r i32) (param $c i32)
    (local $i i32) (local $j i32)
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $r)))
        (local.set $j (i32.const 0))
        (block $done
          (loop $each
            (br_if $done (i32.ge_u (local.get $j) (local.get $c)))
            (f32.store
              (i32.add (local.get $t) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $r)) (local.get $i)) (i32.const 2)))
              (f32.load (i32.add (local.get $s) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $c)) (local.get $j)) (i32.const 2)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $each)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; AdamW over `count` floats (count % 4 = 0), as models/nn/train/adamw.ts:
  ;; m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p·keep − (m / (√v / sqrtBc2 + ε))·stepSize.
  (func (export "adamw") (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $count i32)
    (param $b1 f32) (param $omb1 f32) (param $b2 f32) (param $omb2 f32) (param $sqrtBc2 f32) (param $eps f32)
    (param $stepSize f32) (param $keep f32)
    (local $o i32) (local $end i32) (local $gv v128) (local $mv v128) (local $vv v128)
    (local $B1 v128) (local $OB1 v128) (local $B2 v128) (local $OB2 v128) (local $SB v128) (local $E v128) (local $S v128) (local $K v128)
    (local.set $B1 (f32x4.splat (local.get $b1))) (local.set $OB1 (f32x4.splat (local.get $omb1)))
    (local.set $B2 (f32x4.splat (local.get $b2))) (local.set $OB2 (f32x4.splat (local.get $omb2)))
    (local.set $SB (f32x4.splat (local.get $sqrtBc2))) (local.set $E (f32x4.splat (local.get $eps)))
    (local.set $S (f32x4.splat (local.get $stepSize))) (local.set $K (f32x4.splat (local.get $keep)))
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $o))))
        (local.set $mv (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $o))) (local.get $B1)) (f32x4.mul (local.get $gv) (local.get $OB1))))
        (local.set $vv (f32x4.add (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $o))) (local.get $B2))
          (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $OB2))))
        (v128.store (i32.add (local.get $m) (local.get $o)) (local.get $mv))
        (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $vv))
        (v128.store (i32.add (local.get $p) (local.get $o))
          (f32x4.sub
            (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $o))) (local.get $K))
            (f32x4.mul (f32x4.div (local.get $mv) (f32x4.add (f32x4.div (f32x4.sqrt (local.get $vv)) (local.get $SB)) (local.get $E))) (local.get $S))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $each))))
)
