;; The JSON syntax check of src/scan/well-formed.ts, as WebAssembly: where the JSON value that
;; starts at a byte offset ends, building nothing. Same grammar, same answers (a test compares the
;; two on every prefix and byte flip of sample records); JavaScript keeps the check for what this
;; one gives up on (a value longer than the window the caller copies in, nesting deeper than the
;; stack below).
;;
;; Why: the check reads every byte of every record, and Node 20's V8 ran its byte loops at
;; ~0.75 GB/s, 45% of a worker's time on the sparse bench (Deno's newer V8: ~1.1 GB/s).
;;
;; Memory, set up by the caller:
;;   [0, 256)        1 for the bytes that end a run inside a string: < 0x20, '"' and '\'
;;   [256, 512)      1 for hexadecimal digits
;;   [512, 768)      1 for the characters allowed after '\', 'u' aside
;;   [768, 1024)     1 for the JSON spaces: ' ', tab, line feed, carriage return
;;   [1024, 66560)   the stack: the brace or bracket of each container the scan is inside
;;   [66560, 132096) 1 at b1 + 256 * b2 when a string value starting with the bytes b1 b2 may be
;;                   wanted (the prefilter's source names); all 0 when none is
;;   [132096, 164864) where such strings start (their quote), 8,192 at most; $hits counts them
;;                   (from 0 at each call), on past 8,192 so the caller knows some were not kept
;;   [164864, ...)   the bytes, followed by a 0 byte (which no rule accepts) and 16 bytes of slack.
;;
;;   npm run wasm    rewrites src/scan/well-formed.generated.ts from this file (wasm/compile.ts)
(module
  (memory (export "memory") 1)
  (global $hits (export "hits") (mut i32) (i32.const 0))

  (func $isDigit (param $c i32) (result i32)
    (i32.lt_u (i32.sub (local.get $c) (i32.const 0x30)) (i32.const 10)))

  ;; Past the JSON spaces at $i (the SPACE table).
  (func $skipSpace (param $i i32) (result i32)
    (loop $more
      (if (i32.load8_u offset=768 (i32.load8_u (local.get $i)))
        (then
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $more))))
    (local.get $i))

  ;; Just past the string whose run of plain bytes stopped at $i (on a quote, a backslash or a
  ;; control character), or -1. The run itself is inline where a string starts (endOfValue).
  (func $stringAt (param $i i32) (result i32)
    (local $c i32)
    (local $e i32)
    (local $w i64)
    (local $v i64)
    (local $s i64)
    (loop $next
      (local.set $c (i32.load8_u (local.get $i)))
      (if (i32.eq (local.get $c) (i32.const 0x22))
        (then (return (i32.add (local.get $i) (i32.const 1)))))
      ;; a raw control character, or the end of the bytes
      (if (i32.ne (local.get $c) (i32.const 0x5c)) (then (return (i32.const -1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $e (i32.load8_u (local.get $i)))
      (if (i32.eq (local.get $e) (i32.const 0x75))
        (then
          (if (i32.eqz
                (i32.and
                  (i32.and
                    (i32.load8_u offset=256 (i32.load8_u offset=1 (local.get $i)))
                    (i32.load8_u offset=256 (i32.load8_u offset=2 (local.get $i))))
                  (i32.and
                    (i32.load8_u offset=256 (i32.load8_u offset=3 (local.get $i)))
                    (i32.load8_u offset=256 (i32.load8_u offset=4 (local.get $i))))))
            (then (return (i32.const -1))))
          (local.set $i (i32.add (local.get $i) (i32.const 4))))
        (else
          (if (i32.eqz (i32.load8_u offset=512 (local.get $e))) (then (return (i32.const -1))))))
      (block $found
        (loop $words
          (local.set $w (i64.load offset=1 (local.get $i)))
          (local.set $v (i64.xor (local.get $w) (i64.const 0x2222222222222222)))
          (local.set $s (i64.xor (local.get $w) (i64.const 0x5c5c5c5c5c5c5c5c)))
          (br_if $found
            (i64.ne (i64.const 0)
              (i64.and (i64.const 0x8080808080808080)
                (i64.or
                  (i64.and (i64.sub (local.get $w) (i64.const 0x2020202020202020)) (i64.xor (local.get $w) (i64.const -1)))
                  (i64.or
                    (i64.and (i64.sub (local.get $v) (i64.const 0x0101010101010101)) (i64.xor (local.get $v) (i64.const -1)))
                    (i64.and (i64.sub (local.get $s) (i64.const 0x0101010101010101)) (i64.xor (local.get $s) (i64.const -1))))))))
          (local.set $i (i32.add (local.get $i) (i32.const 8)))
          (br $words)))
      (loop $run
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $run (i32.eqz (i32.load8_u (i32.load8_u (local.get $i))))))
      (br $next))
    (unreachable))

  ;; Just past the number starting at $i: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, or -1.
  (func $number (param $i i32) (result i32)
    (local $c i32)
    (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2d))
      (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))
    (local.set $c (i32.load8_u (local.get $i)))
    (if (i32.eq (local.get $c) (i32.const 0x30))
      (then (local.set $i (i32.add (local.get $i) (i32.const 1))))
      (else
        (if (i32.eqz (call $isDigit (local.get $c))) (then (return (i32.const -1))))
        (loop $digits
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $digits (call $isDigit (i32.load8_u (local.get $i)))))))
    (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2e))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.eqz (call $isDigit (i32.load8_u (local.get $i)))) (then (return (i32.const -1))))
        (loop $fraction
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $fraction (call $isDigit (i32.load8_u (local.get $i)))))))
    (local.set $c (i32.load8_u (local.get $i)))
    (if (i32.or (i32.eq (local.get $c) (i32.const 0x65)) (i32.eq (local.get $c) (i32.const 0x45)))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 0x2b)) (i32.eq (local.get $c) (i32.const 0x2d)))
          (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (if (i32.eqz (call $isDigit (i32.load8_u (local.get $i)))) (then (return (i32.const -1))))
        (loop $exponent
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $exponent (call $isDigit (i32.load8_u (local.get $i)))))))
    (local.get $i))

  ;; Just past true, false or null at $i, or -1. Reads up to 4 bytes on: the caller leaves slack.
  (func $literal (param $i i32) (result i32)
    (local $c i32)
    (local.set $c (i32.load8_u (local.get $i)))
    (if (i32.eq (local.get $c) (i32.const 0x74))
      (then
        (return
          (select (i32.add (local.get $i) (i32.const 4)) (i32.const -1)
            (i32.and
              (i32.and
                (i32.eq (i32.load8_u offset=1 (local.get $i)) (i32.const 0x72))
                (i32.eq (i32.load8_u offset=2 (local.get $i)) (i32.const 0x75)))
              (i32.eq (i32.load8_u offset=3 (local.get $i)) (i32.const 0x65)))))))
    (if (i32.eq (local.get $c) (i32.const 0x66))
      (then
        (return
          (select (i32.add (local.get $i) (i32.const 5)) (i32.const -1)
            (i32.and
              (i32.and
                (i32.eq (i32.load8_u offset=1 (local.get $i)) (i32.const 0x61))
                (i32.eq (i32.load8_u offset=2 (local.get $i)) (i32.const 0x6c)))
              (i32.and
                (i32.eq (i32.load8_u offset=3 (local.get $i)) (i32.const 0x73))
                (i32.eq (i32.load8_u offset=4 (local.get $i)) (i32.const 0x65))))))))
    (if (i32.eq (local.get $c) (i32.const 0x6e))
      (then
        (return
          (select (i32.add (local.get $i) (i32.const 4)) (i32.const -1)
            (i32.and
              (i32.and
                (i32.eq (i32.load8_u offset=1 (local.get $i)) (i32.const 0x75))
                (i32.eq (i32.load8_u offset=2 (local.get $i)) (i32.const 0x6c)))
              (i32.eq (i32.load8_u offset=3 (local.get $i)) (i32.const 0x6c)))))))
    (i32.const -1))

  ;; Just past the JSON value that starts exactly at $i, -1 when the bytes there are not one
  ;; well-formed value, -2 when it nests deeper than the stack holds.
  ;;
  ;; Much is inline here that could be a call: V8 11 (Node 20) does not inline calls between
  ;; WebAssembly functions, and a call per token took a third of the time. $skipSpace is called
  ;; only when a space is there (the SPACE table tells); a string's run of plain bytes, eight at a
  ;; time while no byte of the eight is below 0x20, a quote or a backslash (the word tricks of
  ;; "Bit Twiddling Hacks": a flag above a byte that has one may be false, so the byte loop after
  ;; finds the first for sure), is inline for keys and for values, and $stringAt goes on from an
  ;; escape. The word loop reads up to 8 bytes past a stop: the 0 byte that ends the bytes has
  ;; slack after it.
  (func (export "endOfValue") (param $i i32) (result i32)
    (local $c i32)
    (local $sp i32)
    (local $top i32)
    ;; the value is an object member's: its key and colon come first
    (local $key i32)
    (local $w i64)
    (local $v i64)
    (local $s i64)
    (global.set $hits (i32.const 0))
    (local.set $sp (i32.const 1024))
    (loop $value
      (if (local.get $key)
        (then
          (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 0x22)) (then (return (i32.const -1))))
          (block $found
            (loop $words
              (local.set $w (i64.load offset=1 (local.get $i)))
              (local.set $v (i64.xor (local.get $w) (i64.const 0x2222222222222222)))
              (local.set $s (i64.xor (local.get $w) (i64.const 0x5c5c5c5c5c5c5c5c)))
              (br_if $found
                (i64.ne (i64.const 0)
                  (i64.and (i64.const 0x8080808080808080)
                    (i64.or
                      (i64.and (i64.sub (local.get $w) (i64.const 0x2020202020202020)) (i64.xor (local.get $w) (i64.const -1)))
                      (i64.or
                        (i64.and (i64.sub (local.get $v) (i64.const 0x0101010101010101)) (i64.xor (local.get $v) (i64.const -1)))
                        (i64.and (i64.sub (local.get $s) (i64.const 0x0101010101010101)) (i64.xor (local.get $s) (i64.const -1))))))))
              (local.set $i (i32.add (local.get $i) (i32.const 8)))
              (br $words)))
          (loop $run
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $run (i32.eqz (i32.load8_u (i32.load8_u (local.get $i))))))
          (local.set $i
            (if (result i32) (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x22))
              (then (i32.add (local.get $i) (i32.const 1)))
              (else (call $stringAt (local.get $i)))))
          (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
          (if (i32.load8_u offset=768 (i32.load8_u (local.get $i)))
            (then (local.set $i (call $skipSpace (local.get $i)))))
          (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 0x3a)) (then (return (i32.const -1))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (if (i32.load8_u offset=768 (i32.load8_u (local.get $i)))
            (then (local.set $i (call $skipSpace (local.get $i)))))
          (local.set $key (i32.const 0))))
      (local.set $c (i32.load8_u (local.get $i)))
      (block $after
        (if (i32.eq (local.get $c) (i32.const 0x22))
          (then
            ;; a string value: note where it starts if its first two bytes may make a wanted one
            (if (i32.load8_u offset=66560 (i32.load16_u offset=1 (local.get $i)))
              (then
                (if (i32.lt_u (global.get $hits) (i32.const 8192))
                  (then (i32.store offset=132096 (i32.shl (global.get $hits) (i32.const 2)) (local.get $i))))
                (global.set $hits (i32.add (global.get $hits) (i32.const 1)))))
            (block $found
              (loop $words
                (local.set $w (i64.load offset=1 (local.get $i)))
                (local.set $v (i64.xor (local.get $w) (i64.const 0x2222222222222222)))
                (local.set $s (i64.xor (local.get $w) (i64.const 0x5c5c5c5c5c5c5c5c)))
                (br_if $found
                  (i64.ne (i64.const 0)
                    (i64.and (i64.const 0x8080808080808080)
                      (i64.or
                        (i64.and (i64.sub (local.get $w) (i64.const 0x2020202020202020)) (i64.xor (local.get $w) (i64.const -1)))
                        (i64.or
                          (i64.and (i64.sub (local.get $v) (i64.const 0x0101010101010101)) (i64.xor (local.get $v) (i64.const -1)))
                          (i64.and (i64.sub (local.get $s) (i64.const 0x0101010101010101)) (i64.xor (local.get $s) (i64.const -1))))))))
                (local.set $i (i32.add (local.get $i) (i32.const 8)))
                (br $words)))
            (loop $run
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $run (i32.eqz (i32.load8_u (i32.load8_u (local.get $i))))))
            (local.set $i
              (if (result i32) (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x22))
                (then (i32.add (local.get $i) (i32.const 1)))
                (else (call $stringAt (local.get $i)))))
            (br $after)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 0x7b)) (i32.eq (local.get $c) (i32.const 0x5b)))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (if (i32.load8_u offset=768 (i32.load8_u (local.get $i)))
              (then (local.set $i (call $skipSpace (local.get $i)))))
            ;; empty: '{' + 2 is '}', '[' + 2 is ']'
            (if (i32.eq (i32.load8_u (local.get $i)) (i32.add (local.get $c) (i32.const 2)))
              (then
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $after)))
            (if (i32.ge_u (local.get $sp) (i32.const 66560)) (then (return (i32.const -2))))
            (i32.store8 (local.get $sp) (local.get $c))
            (local.set $sp (i32.add (local.get $sp) (i32.const 1)))
            ;; the first element or member
            (local.set $key (i32.eq (local.get $c) (i32.const 0x7b)))
            (br $value)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 0x2d)) (call $isDigit (local.get $c)))
          (then
            (local.set $i (call $number (local.get $i)))
            (br $after)))
        (local.set $i (call $literal (local.get $i))))
      (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
      ;; After a value: close containers until one goes on with a comma, or the outermost closes.
      (loop $close
        (if (i32.eq (local.get $sp) (i32.const 1024)) (then (return (local.get $i))))
        (if (i32.load8_u offset=768 (i32.load8_u (local.get $i)))
          (then (local.set $i (call $skipSpace (local.get $i)))))
        (local.set $top (i32.load8_u (i32.sub (local.get $sp) (i32.const 1))))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.eq (local.get $c) (i32.const 0x2c))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (if (i32.load8_u offset=768 (i32.load8_u (local.get $i)))
              (then (local.set $i (call $skipSpace (local.get $i)))))
            (local.set $key (i32.eq (local.get $top) (i32.const 0x7b)))
            (br $value)))
        (if (i32.ne (local.get $c) (i32.add (local.get $top) (i32.const 2))) (then (return (i32.const -1))))
        (local.set $sp (i32.sub (local.get $sp) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $close)))
    (unreachable))
)
