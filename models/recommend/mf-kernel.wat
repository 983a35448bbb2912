;; mf's SGD epochs with f32x4 SIMD: `epoch` is the rating model's (models/recommend/mf.ts, sgdEpoch),
;; `logistic` the interaction model's steps (mf-interaction.ts). Factor rows are padded to a multiple of
;; 4 floats with zero lanes, which the updates keep at zero. Built into mf-kernel-wasm.ts by
;; scripts/build-wasm.mjs; a test checks that file matches this source.
(module
  (import "m" "exp" (func $exp (param f64) (result f64)))
  (import "m" "log" (func $log (param f64) (result f64)))
  (memory (export "memory") 1)
  (func (export "epoch")
    (param $order i32) (param $n i32) (param $user i32) (param $item i32) (param $value i32)
    (param $p i32) (param $q i32) (param $bu i32) (param $bi i32) (param $rowBytes i32)
    (param $lr f64) (param $reg f64) (param $mu f64) (result f64)
    (local $t i32) (local $r i32) (local $u i32) (local $i i32) (local $po i32) (local $qo i32) (local $c i32)
    (local $a i32) (local $b i32) (local $acc v128) (local $keep v128) (local $step v128) (local $pv v128) (local $qv v128)
    (local $err f64) (local $sq f64)
    (local.set $keep (f32x4.splat (f32.demote_f64 (f64.sub (f64.const 1) (f64.mul (local.get $lr) (local.get $reg))))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $r (i32.load (i32.add (local.get $order) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $u (i32.load (i32.add (local.get $user) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $i (i32.load (i32.add (local.get $item) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $po (i32.add (local.get $p) (i32.mul (local.get $u) (local.get $rowBytes))))
        (local.set $qo (i32.add (local.get $q) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $c (i32.const 0))
        (block $dotDone
          (loop $dot
            (br_if $dotDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
            (local.set $acc (f32x4.add (local.get $acc)
              (f32x4.mul (v128.load (i32.add (local.get $po) (local.get $c))) (v128.load (i32.add (local.get $qo) (local.get $c))))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $dot)))
        (local.set $a (i32.add (local.get $bu) (i32.shl (local.get $u) (i32.const 3))))
        (local.set $b (i32.add (local.get $bi) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $err
          (f64.sub
            (f64.promote_f32 (f32.load (i32.add (local.get $value) (i32.shl (local.get $r) (i32.const 2)))))
            (f64.add
              (f64.add (f64.add (local.get $mu) (f64.load (local.get $a))) (f64.load (local.get $b)))
              (f64.promote_f32
                (f32.add
                  (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                  (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc))))))))
        (local.set $sq (f64.add (local.get $sq) (f64.mul (local.get $err) (local.get $err))))
        (f64.store (local.get $a)
          (f64.add (f64.load (local.get $a)) (f64.mul (local.get $lr) (f64.sub (local.get $err) (f64.mul (local.get $reg) (f64.load (local.get $a)))))))
        (f64.store (local.get $b)
          (f64.add (f64.load (local.get $b)) (f64.mul (local.get $lr) (f64.sub (local.get $err) (f64.mul (local.get $reg) (f64.load (local.get $b)))))))
        (local.set $step (f32x4.splat (f32.demote_f64 (f64.mul (local.get $lr) (local.get $err)))))
        (local.set $c (i32.const 0))
        (block $updDone
          (loop $upd
            (br_if $updDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
            (local.set $pv (v128.load (i32.add (local.get $po) (local.get $c))))
            (local.set $qv (v128.load (i32.add (local.get $qo) (local.get $c))))
            (v128.store (i32.add (local.get $po) (local.get $c))
              (f32x4.add (f32x4.mul (local.get $keep) (local.get $pv)) (f32x4.mul (local.get $step) (local.get $qv))))
            (v128.store (i32.add (local.get $qo) (local.get $c))
              (f32x4.add (f32x4.mul (local.get $keep) (local.get $qv)) (f32x4.mul (local.get $step) (local.get $pv))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $upd)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $each)))
    (local.get $sq))
  ;; Logistic steps (u, i, label) in order: x = b_i + p_u·q_i, g = label − σ(x), then the same decayed
  ;; updates as `epoch` with g for the error; returns the summed log loss (taken before each step).
  (func (export "logistic")
    (param $su i32) (param $si i32) (param $sl i32) (param $n i32)
    (param $p i32) (param $q i32) (param $bias i32) (param $rowBytes i32) (param $lr f64) (param $reg f64) (result f64)
    (local $t i32) (local $u i32) (local $i i32) (local $po i32) (local $qo i32) (local $c i32) (local $a i32)
    (local $acc v128) (local $keep v128) (local $step v128) (local $pv v128) (local $qv v128)
    (local $label f64) (local $sig f64) (local $g f64) (local $loss f64)
    (local.set $keep (f32x4.splat (f32.demote_f64 (f64.sub (f64.const 1) (f64.mul (local.get $lr) (local.get $reg))))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $t) (local.get $n)))
        (local.set $u (i32.load (i32.add (local.get $su) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $i (i32.load (i32.add (local.get $si) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $label (f64.convert_i32_u (i32.load8_u (i32.add (local.get $sl) (local.get $t)))))
        (local.set $po (i32.add (local.get $p) (i32.mul (local.get $u) (local.get $rowBytes))))
        (local.set $qo (i32.add (local.get $q) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $c (i32.const 0))
        (block $dotDone
          (loop $dot
            (br_if $dotDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
            (local.set $acc (f32x4.add (local.get $acc)
              (f32x4.mul (v128.load (i32.add (local.get $po) (local.get $c))) (v128.load (i32.add (local.get $qo) (local.get $c))))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $dot)))
        (local.set $a (i32.add (local.get $bias) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $sig
          (f64.div (f64.const 1)
            (f64.add (f64.const 1)
              (call $exp (f64.neg
                (f64.add (f64.load (local.get $a))
                  (f64.promote_f32
                    (f32.add
                      (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
                      (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))))))))
        (local.set $g (f64.sub (local.get $label) (local.get $sig)))
        (local.set $loss (f64.sub (local.get $loss)
          (call $log (f64.max
            (select (local.get $sig) (f64.sub (f64.const 1) (local.get $sig)) (f64.gt (local.get $label) (f64.const 0)))
            (f64.const 1e-12)))))
        (f64.store (local.get $a)
          (f64.add (f64.load (local.get $a)) (f64.mul (local.get $lr) (f64.sub (local.get $g) (f64.mul (local.get $reg) (f64.load (local.get $a)))))))
        (local.set $step (f32x4.splat (f32.demote_f64 (f64.mul (local.get $lr) (local.get $g)))))
        (local.set $c (i32.const 0))
        (block $updDone
          (loop $upd
            (br_if $updDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
            (local.set $pv (v128.load (i32.add (local.get $po) (local.get $c))))
            (local.set $qv (v128.load (i32.add (local.get $qo) (local.get $c))))
            (v128.store (i32.add (local.get $po) (local.get $c))
              (f32x4.add (f32x4.mul (local.get $keep) (local.get $pv)) (f32x4.mul (local.get $step) (local.get $qv))))
            (v128.store (i32.add (local.get $qo) (local.get $c))
              (f32x4.add (f32x4.mul (local.get $keep) (local.get $qv)) (f32x4.mul (local.get $step) (local.get $pv))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $upd)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $each)))
    (local.get $loss)))
